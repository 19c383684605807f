import { TimeSentence } from '../../../ui/time/TimeText';
import { useEffect } from 'react';
import type { AccessStatus, ContextStatusRows, ContextStatusState } from '../../../../shared/access-contract';
import type { RegistryView } from '../../../../shared/schemas';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { useTranslation } from '../../../i18n/useTranslation';
import { countText } from '../../../i18n/plural';
import { useAccessFormStore } from '../access-form-store';
import { useAccessViewStore } from '../access-view-store';
import { CountChips } from '../CountChips';
import { EcrRefreshPanel } from '../EcrRefreshPanel';
import { accessStateLabel } from '../labels';
import { contextTone } from '../tones';
import { useOperationStore } from '../operation-store';
import { useRefreshStore } from '../../../data/ecr-refresh';
import { selectReportOf, useAccessStatusStore } from '../../../data/access-status';
import { useNow } from '../../../ui/time/use-now';
import { RegistryPullFailures } from './RegistryPullFailures';
import { StatusRows } from './StatusRows';
import { domId } from '../../../ui/dom-id';
import { Button } from '../../../ui/Button';
import { Badge, type BadgeTone } from '../../../ui/Badge';

function ExpiresIn({ at }: { at: string }) {
  const offset = useRefreshStore((state) => state.clockOffsetMs);
  const left = Date.parse(at) - useNow(1000, offset);
  // The kit's one time format, as every other expiry on the screen ("Expires in 11 hours", exact time on hover).
  return (
    <span className="detail">
      <TimeSentence template={left > 0 ? 'plan.expires' : 'ecr.expired'} at={at} />
    </span>
  );
}

const CONTEXT_TONE: Record<ContextStatusState, BadgeTone> = { checked: 'ok', 'not-targeted': 'neutral', unreachable: 'error', forbidden: 'error' };

/**
 * A context's badge carries the worst state inside it: never green (or a grey "Not selected") over
 * broken or drifted namespaces. An unselected cluster still holding the app's secrets says both.
 */
function ContextBadge({ context }: { context: ContextStatusRows }) {
  const { t, language } = useTranslation();
  if ((context.state === 'checked' || context.state === 'not-targeted') && context.problems > 0) {
    const count = context.problems.toLocaleString(language);
    const tone = contextTone(context.rows);
    return (
      <>
        <Badge tone={tone} testId="context-badge" state={context.worst}>
          {t(context.problems === 1 ? 'accessStatus.problems.one' : 'accessStatus.problems.other', { count })}
        </Badge>
        {context.state === 'not-targeted' && <Badge testId="context-selection">{t('accessStatus.contextState.not-targeted')}</Badge>}
      </>
    );
  }
  return (
    <Badge tone={CONTEXT_TONE[context.state]} testId="context-badge" state={context.state}>
      {t(`accessStatus.contextState.${context.state}`)}
    </Badge>
  );
}

function ContextCard({ registryId, context }: { registryId: string; context: ContextStatusRows }) {
  const { t, problemText } = useTranslation();
  return (
    <section className="card context-card" aria-label={context.context} data-testid="status-context" data-context={context.context}>
      <div className="context-card-heading">
        <h3>{context.context}</h3>
        <ContextBadge context={context} />
        {context.expiresAt && <ExpiresIn at={context.expiresAt} />}
      </div>
      {context.error && <p className="field-error">{problemText(context.error)}</p>}
      <CountChips counts={context.counts} label={accessStateLabel(t)} title={t('accessStatus.counts', { context: context.context })} />
      <StatusRows id={domId('status', context.context)} registryId={registryId} context={context.context} rows={context.rows} />
    </section>
  );
}

/**
 * What the summary's apply would do: repair (something to write), remove (only namespaces to take
 * things out of, with their count) or nothing, when no row needs either: then no button offers it.
 */
function summaryFix(status: AccessStatus | null): { kind: 'repair' } | { kind: 'remove'; namespaces: number } | null {
  const rows = status?.contexts.flatMap((context) => context.rows) ?? [];
  if (rows.some((row) => row.fix === 'repair')) return { kind: 'repair' };
  const removals = rows.filter((row) => row.fix === 'remove').length;
  return removals > 0 ? { kind: 'remove', namespaces: removals } : null;
}

function StatusActions({ registry, status }: { registry: RegistryView; status: AccessStatus | null }) {
  const { t, language } = useTranslation();
  const fix = summaryFix(status);
  const checking = useAccessStatusStore((state) => state.report.status === 'loading');
  const busy = useOperationStore((state) => state.running !== null || state.previewing);
  const saved = useAccessFormStore((state) => state.saved);
  const planFor = (kind: 'apply' | 'cleanup') => {
    useAccessViewStore.getState().showTab('plan');
    void useOperationStore.getState().preview({ kind, registryId: registry.id });
  };
  return (
    <div className="form-actions">
      <Button disabled={checking} onClick={() => void useAccessStatusStore.getState().check(registry.id)}>
        {t(checking ? 'accessStatus.checking' : 'accessStatus.checkAgain')}
      </Button>
      <Button tone="danger" disabled={busy} onClick={() => planFor('cleanup')}>
        {t('accessStatus.removeEverywhere')}
      </Button>
      {fix && (
        // Taking secrets out is destructive, like "Remove from all clusters" beside it: the same danger outline.
        <Button tone={fix.kind === 'remove' ? 'danger' : 'primary'} disabled={busy || !saved} onClick={() => planFor('apply')}>
          {fix.kind === 'remove' ? countText(t, language, fix.namespaces, { one: 'accessStatus.removeFrom.one', other: 'accessStatus.removeFrom.other' }) : t('accessStatus.repair')}
        </Button>
      )}
    </div>
  );
}

/** Where this registry's credentials stand in every context, namespace by namespace. */
export function StatusPanel({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const status = useAccessStatusStore(selectReportOf(registry.id));
  const checking = useAccessStatusStore((state) => state.report.status === 'loading');
  const error = useAccessStatusStore((state) => state.report.error);
  useEffect(() => {
    if (!selectReportOf(registry.id)(useAccessStatusStore.getState())) void useAccessStatusStore.getState().check(registry.id);
  }, [registry.id]);

  return (
    <div className="plan">
      <section className="card plan-summary" aria-labelledby="status-title" data-testid="status-summary">
        <div className="context-card-heading">
          <h2 id="status-title">{t('accessStatus.title')}</h2>
          {status && <span className="detail"><TimeSentence template="accessStatus.checkedAt" at={status.checkedAt} /></span>}
        </div>
        {checking && !status && (
          <p className="muted" role="status">
            {t('accessStatus.checking')}
          </p>
        )}
        {status && !status.configured && <p className="muted">{t('accessStatus.notConfigured')}</p>}
        {status && <CountChips counts={status.counts} label={accessStateLabel(t)} title={t('accessStatus.totals')} testId="namespace-totals" />}
        {status && <CountChips counts={status.clusters} label={(state) => t(`accessStatus.contextState.${state as ContextStatusState}`)} title={t('accessStatus.clusterTotals')} testId="cluster-totals" />}
        <ProblemBanner problem={error} />
        {status && <RegistryPullFailures registry={registry} contexts={status.contexts.filter((context) => context.state === 'checked' || context.state === 'not-targeted').map((context) => context.context)} checkedAt={status.checkedAt} />}
        <StatusActions registry={registry} status={status} />
      </section>
      {registry.type === 'ecr' && <EcrRefreshPanel registryId={registry.id} />}
      {status?.contexts.map((context) => <ContextCard key={context.context} registryId={registry.id} context={context} />)}
    </div>
  );
}
