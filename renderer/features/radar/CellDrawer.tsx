import type { ExpiryRow, RadarCell, RadarReport } from '../../../shared/radar-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { Drawer } from '../../ui/Drawer';
import { TimeSentence } from '../../ui/time/TimeText';
import { FixLinks } from './FixLinks';
import { cellDetail, type WorkloadDetail } from './radar-view';
import { useRadarStore } from './radar-store';
import { expirySourceText, FINDING_BADGE, findingText, reasonText, TONE_BADGE, VERDICT_TONE } from './texts';

const EXPIRY_BADGE = { expired: 'error', soon: 'warn', valid: 'ok', unknown: 'neutral' } as const;

export function ExpiryLine({ expiry }: { expiry: ExpiryRow }) {
  const { t } = useTranslation();
  return (
    <div className="radar-expiry" data-testid="expiry">
      <Badge tone={EXPIRY_BADGE[expiry.state]}>{t(`radar.expiry.state.${expiry.state}`)}</Badge> {t(`radar.expiry.what.${expiry.what}`)}
      {expiry.username && <span className="mono"> {expiry.username}</span>}
      {' · '}
      {expiry.expiresAt ? <TimeSentence template="radar.expiry.when" at={expiry.expiresAt} /> : t(expiry.state === 'expired' ? 'radar.expiry.stoppedWhenUnknown' : 'radar.expiry.unknownWhen')}
      <span className="detail"> ({expirySourceText(t, expiry.source)})</span>
    </div>
  );
}

function WorkloadItem({ detail, context, registry }: { detail: WorkloadDetail; context: string; registry: string }) {
  const { t } = useTranslation();
  const { workload } = detail;
  const failing = detail.containers.some(({ check }) => check && check.verdict !== 'pulls');
  return (
    <li className="radar-workload" data-testid="radar-workload" data-name={workload.name}>
      <h4 className="mono">
        {workload.kind}/{workload.name}
      </h4>
      <p className="detail">{t('radar.drawer.account', { serviceAccount: workload.serviceAccount, secrets: workload.pullSecrets.join(', ') || t('radar.drawer.noSecretsListed') })}</p>
      <ul className="radar-plain-list">
        {detail.containers.map(({ container, check }) => (
          <li key={`${container.kind}/${container.name}`}>
            <span className="detail">{t(`radar.drawer.container.${container.kind}`, { name: container.name })}</span> <code>{container.image}</code>{' '}
            <Badge tone={TONE_BADGE[check ? VERDICT_TONE[check.verdict] : 'unknown']} testId="verdict">
              {t(`radar.state.${check?.verdict ?? 'unknown'}`)}
            </Badge>
            {check && <p className="radar-reason" data-testid="reason">{reasonText(t, check)}</p>}
          </li>
        ))}
      </ul>
      <FixLinks context={context} namespace={workload.namespace} registry={registry} pullProblem={failing ? { serviceAccount: workload.serviceAccount, pullSecrets: workload.pullSecrets } : undefined} />
    </li>
  );
}

/** Why a cell is not read: its context could not be read at all, or the kinds refused in its namespace, each with the API server's reason. */
function UnreadReasons({ report, place }: { report: RadarReport; place: Pick<RadarCell, 'context' | 'namespace'> }) {
  const { t, problemText } = useTranslation();
  const context = report.contexts.find((row) => row.context === place.context);
  if (place.namespace === '' && context?.error) {
    return (
      <div data-testid="radar-unread" data-state="failed">
        <p>{t('radar.drawer.contextUnread', { context: place.context })}</p>
        <p className="detail" data-testid="radar-unread-reason">
          {problemText(context.error)}
        </p>
      </div>
    );
  }
  const refusals = context?.refused.filter((refusal) => refusal.namespace === place.namespace) ?? [];
  if (refusals.length === 0) return null;
  return (
    <div data-testid="radar-unread">
      <p>{t('radar.drawer.unread', { resources: [...new Set(refusals.map((refusal) => refusal.resource))].join(', '), namespace: place.namespace })}</p>
      <ul className="radar-plain-list">
        {refusals.map((refusal, index) => (
          <li key={`${refusal.resource}/${index}`} className="detail">
            {t('radar.drawer.unreadReason', { resource: refusal.resource, reason: problemText(refusal.error) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One cell's details: its workloads with their verdicts, its pull secrets and who made them, their expiries and findings. */
export function CellDrawer({ report }: { report: RadarReport }) {
  const { t } = useTranslation();
  const open = useRadarStore((state) => state.open);
  if (!open) return null;
  const detail = cellDetail(report, open);
  const close = () => useRadarStore.getState().openCell(null);
  // Among every pull secret of the namespace: one that cannot be parsed holds no entry for the
  // registry, so it is not in the cell's list, yet its maker decides whether the app may repair it.
  // One lookup for the fleet's secrets: a stale copy may name thousands of places.
  const makers = new Map(report.pullSecrets.map((secret) => [JSON.stringify([secret.context, secret.namespace, secret.name]), secret.maker]));
  const makerAt = (place: { context: string; namespace: string; secret: string }) => makers.get(JSON.stringify([place.context, place.namespace, place.secret]));
  const makerOf = (name: string) => makerAt({ context: open.context, namespace: open.namespace, secret: name });
  // A context not read at all has nothing to list: its reason is all there is to say.
  if (open.namespace === '') {
    return (
      <Drawer id="radar-drawer" title={t('radar.drawer.title', { ...open, namespace: t('radar.matrix.wholeContext') })} onClose={close}>
        <UnreadReasons report={report} place={open} />
      </Drawer>
    );
  }
  return (
    <Drawer id="radar-drawer" title={t('radar.drawer.title', open)} onClose={close}>
      <UnreadReasons report={report} place={open} />
      <h3>{t('radar.drawer.workloads')}</h3>
      {detail.workloads.length === 0 && <p className="muted">{t('radar.drawer.noWorkloads')}</p>}
      <ul className="radar-plain-list">
        {detail.workloads.map((item) => (
          <WorkloadItem key={`${item.workload.kind}/${item.workload.name}`} detail={item} context={open.context} registry={open.registry} />
        ))}
      </ul>
      <h3>{t('radar.drawer.secrets')}</h3>
      {detail.secrets.length === 0 && <p className="muted">{t('radar.drawer.noSecrets')}</p>}
      <ul className="radar-plain-list">
        {detail.secrets.map((secret) => (
          <li key={secret.name} data-testid="radar-secret" data-name={secret.name}>
            <span className="mono">{secret.name}</span> <Badge>{t(`radar.maker.${secret.maker}`)}</Badge>
            <p className="detail">
              {t('radar.drawer.secretLine', { users: [...new Set(secret.entries.map((entry) => entry.username))].join(', '), by: secret.referencedBy.map((reference) => `${reference.kind}/${reference.name}`).join(', ') || t('radar.drawer.unused') })}
            </p>
          </li>
        ))}
      </ul>
      {detail.expiries.length > 0 && <h3>{t('radar.drawer.expiries')}</h3>}
      {detail.expiries.map((expiry, index) => (
        <ExpiryLine key={index} expiry={expiry} />
      ))}
      {detail.findings.length > 0 && <h3>{t('radar.drawer.findings')}</h3>}
      <ul className="radar-plain-list">
        {detail.findings.map((finding, index) => (
          <li key={index} data-testid="radar-finding">
            <Badge tone={FINDING_BADGE[finding.tone]}>{t(`radar.tone.${finding.tone}`)}</Badge> {findingText(t, finding)}
            <FixLinks context={open.context} namespace={open.namespace} registry={open.registry} finding={finding} makerOf={makerOf} makerAt={makerAt} />
          </li>
        ))}
      </ul>
    </Drawer>
  );
}
