import type { RadarReport, SecretMaker } from '../../../shared/radar-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { navigate } from '../../data/navigation';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Pager } from '../../ui/Pager';
import { usePage } from '../../ui/use-page';
import { ExpiryLine } from './CellDrawer';
import { FixLinks } from './FixLinks';
import { timeline, type TimelineEntry } from './radar-view';
import { useRadarStore } from './radar-store';

const SHOWN_NAMES = 5;
const names = (list: string[]) => (list.length > SHOWN_NAMES ? `${list.slice(0, SHOWN_NAMES).join(', ')} …(+${list.length - SHOWN_NAMES})` : list.join(', '));

function Entry({ entry, makerOf }: { entry: TimelineEntry; makerOf: (secret: string) => SecretMaker | undefined }) {
  const { t } = useTranslation();
  if (entry.kind !== 'expiry') {
    const { workload } = entry;
    return (
      <li className="radar-timeline-entry" data-testid="timeline-entry" data-restart-fails="true">
        <Badge tone="error">{t('radar.timeline.restartFails')}</Badge>{' '}
        {t(entry.kind === 'cached' ? 'radar.timeline.cached' : 'radar.timeline.pullFails', { workload: `${workload.kind}/${workload.name}`, namespace: workload.namespace, context: workload.context, image: entry.image })}
        <FixLinks context={workload.context} namespace={workload.namespace} registry={entry.check.registry} pullProblem={{ serviceAccount: workload.serviceAccount, pullSecrets: workload.pullSecrets }} />
      </li>
    );
  }
  const { expiry } = entry;
  const what = t(`radar.expiry.what.${expiry.what}`);
  const where = expiry.secret
    ? t('radar.timeline.where', { secret: expiry.secret, namespace: expiry.namespace ?? '', context: expiry.context ?? '' })
    : expiry.savedAs !== undefined
      ? t('radar.timeline.savedAs', { name: expiry.savedAs })
      : '';
  return (
    <li className="radar-timeline-entry" data-testid="timeline-entry" data-restart-fails={String(entry.restartFails)}>
      {entry.restartFails && <Badge tone="error">{t('radar.timeline.restartFails')}</Badge>}{' '}
      {t('radar.timeline.expiry', { what, registry: expiry.registry, where })}
      <ExpiryLine expiry={expiry} />
      <p className="detail">{entry.affects.length > 0 ? t('radar.timeline.affects', { workloads: names(entry.affects) }) : t('radar.timeline.affectsNone')}</p>
      {expiry.context && expiry.namespace && expiry.secret && (expiry.state === 'expired' || expiry.state === 'soon') && (
        <FixLinks context={expiry.context} namespace={expiry.namespace} registry={expiry.registry} expiring={{ secret: expiry.secret }} makerOf={makerOf} />
      )}
      {/* A refused key is replaced where it is saved; the radar changes nothing itself. */}
      {expiry.what === 'google-key' && expiry.state === 'expired' && (
        <div className="radar-fixes">
          <Button small onClick={() => (useRadarStore.getState().openCell(null), navigate({ screen: 'registries' }))}>
            {t('radar.fix.replaceKey', { name: expiry.savedAs ?? expiry.registry })}
          </Button>
        </div>
      )}
    </li>
  );
}

/** What breaks when, on which clusters, namespaces and workloads; "next restart fails" first. */
export function ExpiryTimeline({ report }: { report: RadarReport }) {
  const { t } = useTranslation();
  const filters = useRadarStore((state) => state.filters);
  // Who made the secret a login lives in: what may rewrite it is decided by its maker.
  const makerOf = (entry: TimelineEntry) => (secret: string) =>
    entry.kind === 'expiry' ? report.pullSecrets.find((row) => row.context === entry.expiry.context && row.namespace === entry.expiry.namespace && row.name === secret)?.maker : undefined;
  const page = usePage(timeline(report, Date.parse(report.generatedAt), filters.windowDays, filters.registry));
  return (
    <Card title={t('radar.timeline.title')} titleId="radar-timeline-title" testId="radar-timeline">
      <p className="muted">{t('radar.timeline.intro')}</p>
      {page.total === 0 && <p className="muted">{t('radar.timeline.empty')}</p>}
      <ol className="radar-timeline">
        {page.rows.map((entry) => (
          <Entry key={entry.key} entry={entry} makerOf={makerOf(entry)} />
        ))}
      </ol>
      <Pager page={page} label={t('radar.timeline.title')} />
    </Card>
  );
}
