import { useEffect } from 'react';
import { Card } from '../../ui/Card';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useTranslation } from '../../i18n/useTranslation';
import { useExportStore } from './export-store';
import { useImportStore } from './import-store';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportSources } from './ImportSources';
import { ManifestExport } from './ManifestExport';
import { SettingsTransfer } from './SettingsTransfer';
import './import-export.css';

function ExportCard() {
  const { t } = useTranslation();
  const savedPath = useExportStore((state) => state.savedPath);
  const error = useExportStore((state) => state.error);
  const dismissError = useExportStore((state) => state.dismissError);
  return (
    <Card title={t('exportUi.title')} titleId="export-title">
      <ProblemBanner problem={error} onDismiss={dismissError} />
      <p className="import-saved" role="status">
        {savedPath ? t('exportUi.saved', { path: savedPath }) : ''}
      </p>
      <ManifestExport />
      <SettingsTransfer />
    </Card>
  );
}

/** One screen to bring the workstation's logins in and take pull secrets and settings out. */
export function ImportExportScreen() {
  const { t } = useTranslation();
  useEffect(() => () => useImportStore.getState().discard(), []);
  return (
    <section className="screen" aria-labelledby="import-export-title">
      <ScreenHeading id="import-export-title" title={t('importUi.screenTitle')} intro={t('importUi.screenIntro')} />
      <ImportSources />
      <ImportPreviewPanel />
      <ExportCard />
    </section>
  );
}
