import { useEffect } from 'react';
import type { RegistryView } from '../../../../shared/schemas';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { useTranslation } from '../../../i18n/useTranslation';
import { useClusterSyncStore } from './cluster-sync-store';
import { ContextChoice } from './ContextChoice';
import { SyncPlanView } from './SyncPlanView';
import { ExportFiles, SyncResult, SyncStatusView } from './SyncReports';
import { Button } from '../../../ui/Button';
import { DataTable } from '../../../ui/DataTable';

const BUSY_TEXT = { detect: 'clusterSync.detecting', preview: 'clusterSync.previewing', apply: 'clusterSync.applying', status: 'clusterSync.status', export: 'clusterSync.export' } as const;

/** The one report the last action left: each action's answer replaces the one before, so the page never grows with use. */
function Report() {
  const { plan, result, status, files } = useClusterSyncStore();
  if (status) return <SyncStatusView status={status} applied={result} />;
  if (result) return <SyncResult result={result} />;
  if (plan) return <SyncPlanView plan={plan} />;
  return files ? <ExportFiles files={files} /> : null;
}

/** "Keep in sync in the cluster" of one registry: per context the engine, then preview, apply, status, cleanup and export. */
export function ClusterSyncPanel({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const state = useClusterSyncStore();
  const access = registry.access;
  useEffect(() => {
    const store = useClusterSyncStore.getState();
    store.open(registry.id, registry.access);
    // Where an engine already keeps the secrets, its status shows at once: no button to find it.
    void store.detect().then(() => (Object.keys(registry.access?.clusterSync ?? {}).length > 0 ? store.checkStatus() : undefined));
    // Detection runs when another registry is opened, not on every render of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry.id]);
  if (!access) return <p className="muted">{t('clusterSync.saveSettingsFirst')}</p>;
  const contexts = access.allClusters || access.mode === 'skip-selected' ? state.engines.map((entry) => entry.context) : access.contexts;
  const busy = state.busy !== null;
  return (
    <div className="cluster-sync" data-testid="cluster-sync">
      <p className="muted">{t('clusterSync.intro')}</p>
      <ProblemBanner problem={state.error} onDismiss={state.dismiss} />
      {state.busy && (
        <p className="muted" role="status">
          {t(BUSY_TEXT[state.busy])}
        </p>
      )}
      <DataTable className="sync-choices" testId="sync-choices" caption={t('clusterSync.choicesCaption')} columns={[t('clusterSync.column.cluster'), t('clusterSync.column.delivery')]}>
        {contexts.map((context) => (
          <ContextChoice key={context} registry={registry} context={context} />
        ))}
      </DataTable>
      <div className="form-actions">
        <Button disabled={busy} onClick={() => void state.detect()}>
          {t('clusterSync.detect')}
        </Button>
        <Button disabled={busy} onClick={() => void state.exportFiles()}>
          {t('clusterSync.export')}
        </Button>
        <Button tone="danger" disabled={busy} onClick={() => void state.previewCleanup()}>
          {t('clusterSync.cleanup')}
        </Button>
        <Button tone="primary" disabled={busy} onClick={() => void state.preview({ ...access, clusterSync: state.choices })}>
          {t('clusterSync.preview')}
        </Button>
      </div>
      <Report />
    </div>
  );
}
