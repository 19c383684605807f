import { useEffect, type ReactNode } from 'react';
import type { Diagnostics } from '../../../shared/diagnostics-contract';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useTranslation } from '../../i18n/useTranslation';
import { useDiagnosticsStore } from './diagnostics-store';
import './diagnostics.css';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { LanguageSelect } from '../../ui/LanguageSelect';

function Facts({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card diagnostics-card" aria-label={title}>
      <h2>{title}</h2>
      <dl className="diagnostics-facts">{children}</dl>
    </section>
  );
}

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </>
  );
}

function VersionFacts({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t } = useTranslation();
  const { app, versions, os } = diagnostics;
  return (
    <Facts title={t('diagnostics.versions')}>
      <Fact label={t('diagnostics.version')} value={t('diagnostics.versionBuild', { version: app.version, build: t(app.packaged ? 'diagnostics.packaged' : 'diagnostics.development') })} />
      <Fact label={t('diagnostics.electron')} value={versions.electron ?? t('diagnostics.notElectron')} />
      <Fact label={t('diagnostics.chrome')} value={versions.chrome ?? '—'} />
      <Fact label={t('diagnostics.node')} value={versions.node} />
      <Fact label={t('diagnostics.os')} value={`${os.platform} ${os.release} (${os.arch})`} />
    </Facts>
  );
}

function LocationFacts({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t } = useTranslation();
  const { locations } = diagnostics;
  return (
    <Facts title={t('diagnostics.locations')}>
      <Fact label={t('diagnostics.dataFolder')} value={locations.dataFolder} mono />
      <Fact label={t('diagnostics.settingsFile')} value={locations.settingsFile} mono />
      <Fact label={t('diagnostics.logFolder')} value={locations.logFolder ?? t('diagnostics.noLogFile')} mono={locations.logFolder !== null} />
      <Fact label={t('diagnostics.logFile')} value={locations.logFile ?? t('diagnostics.noLogFile')} mono={locations.logFile !== null} />
    </Facts>
  );
}

function KeychainFacts({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t, problemText } = useTranslation();
  const { keychain, registries } = diagnostics;
  const total = registries.reduce((sum, entry) => sum + entry.count, 0);
  // Chinese lists with 、 and brackets with （）; the catalogue says how each language writes them.
  const byType = registries.map((entry) => `${t(`type.${entry.type}`)} ${entry.count}`).join(t('diagnostics.listSeparator'));
  const count = t('diagnostics.registryCount', { count: total });
  return (
    <Facts title={t('diagnostics.keychain')}>
      <Fact label={t('diagnostics.keychainBackend')} value={keychain.backend} />
      <Fact
        label={t('diagnostics.keychainState')}
        value={
          keychain.available
            ? t('diagnostics.keychainAvailable')
            : t('diagnostics.unavailableBecause', { state: t('diagnostics.keychainUnavailable'), reason: keychain.error ? problemText(keychain.error) : '' })
        }
      />
      <Fact label={t('diagnostics.registries')} value={byType ? t('diagnostics.registryCountByType', { total: count, byType }) : count} />
    </Facts>
  );
}

function ReportPanel() {
  const { t } = useTranslation();
  const report = useDiagnosticsStore((state) => state.report);
  const copied = useDiagnosticsStore((state) => state.copied);
  const copy = useDiagnosticsStore((state) => state.copy);
  return (
    <section className="card diagnostics-card" aria-labelledby="diagnostics-report-title">
      <div className="screen-heading">
        <div>
          <h2 id="diagnostics-report-title">{t('diagnostics.report')}</h2>
          <p className="muted">{t('diagnostics.reportIntro')}</p>
        </div>
        <Button tone="primary" onClick={() => void copy()} disabled={report === null}>
          {t('diagnostics.copy')}
        </Button>
      </div>
      <label className="visually-hidden" htmlFor="diagnostics-report">
        {t('diagnostics.reportLabel')}
      </label>
      <textarea id="diagnostics-report" className="diagnostics-report mono" readOnly rows={14} value={report ?? ''} />
      <p className="diagnostics-copied" role="status">
        {copied ? t('diagnostics.copied') : ''}
      </p>
    </section>
  );
}

export function DiagnosticsScreen() {
  const { t } = useTranslation();
  const diagnostics = useDiagnosticsStore((state) => state.diagnostics);
  const error = useDiagnosticsStore((state) => state.error);
  const load = useDiagnosticsStore((state) => state.load);
  const dismissError = useDiagnosticsStore((state) => state.dismissError);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="screen" aria-labelledby="diagnostics-title">
      <ScreenHeading id="diagnostics-title" title={t('diagnostics.title')} intro={t('diagnostics.intro')}>
        <Button onClick={() => void load()}>
          {t('diagnostics.refresh')}
        </Button>
      </ScreenHeading>
      <Card title={t('language.label')} titleId="language-title">
        <LanguageSelect />
      </Card>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      {!diagnostics && !error && (
        <p className="muted" role="status">
          {t('diagnostics.loading')}
        </p>
      )}
      {diagnostics && (
        <>
          <div className="diagnostics-grid">
            <VersionFacts diagnostics={diagnostics} />
            <KeychainFacts diagnostics={diagnostics} />
          </div>
          <LocationFacts diagnostics={diagnostics} />
          <ReportPanel />
        </>
      )}
    </section>
  );
}
