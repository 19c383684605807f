import { useEffect } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { DoctorCard } from './DoctorCard';
import { LauncherCard } from './LauncherCard';
import { AppliedCard } from './AppliedCard';
import { BackupsLeft } from './BackupsLeft';
import { PreviewCard } from './PreviewCard';
import { SwitchCard } from './SwitchCard';
import { NotPutBack } from './NotPutBack';
import { useToolsStore } from './tools-store';
import './workstation-tools.css';

/** "Use in docker, podman, helm": docker-credential-registry-desk for the workstation's tools. */
export function WorkstationToolsScreen() {
  const { t } = useTranslation();
  const overview = useToolsStore((state) => state.overview);
  const error = useToolsStore((state) => state.error);
  const load = useToolsStore((state) => state.load);
  const dismissError = useToolsStore((state) => state.dismissError);
  useEffect(() => {
    void load();
  }, [load]);
  const data = overview.data;
  return (
    <section className="screen" aria-labelledby="tools-title">
      <ScreenHeading id="tools-title" title={t('tools.title')} intro={t('tools.intro')}>
        <Button onClick={() => void load()}>{t('tools.refresh')}</Button>
      </ScreenHeading>
      <ProblemBanner problem={error ?? overview.error} onDismiss={error ? dismissError : undefined} />
      <NotPutBack />
      {!data && overview.status !== 'failed' && (
        <p className="muted" role="status">
          {t('tools.loading')}
        </p>
      )}
      {data && (
        <>
          <p role="status" data-testid="tools-plain-text-total">
            <Badge tone={data.plainTextTotal === 0 ? 'ok' : 'warn'}>{t('tools.plainTextTotal', { count: data.plainTextTotal })}</Badge>
          </p>
          <BackupsLeft backups={data.backups} />
          <LauncherCard launcher={data.launcher} launcherUndo={data.launcherUndo} />
          <SwitchCard overview={data} />
          <PreviewCard />
          <AppliedCard />
          <DoctorCard />
        </>
      )}
    </section>
  );
}
