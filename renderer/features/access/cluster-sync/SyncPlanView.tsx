import { useState } from 'react';
import type { ContextSyncPlan, SyncObject, SyncPlan } from '../../../../shared/cluster-sync-contract';
import { useAccessFormStore } from '../access-form-store';
import { ModalDialog } from '../../../ui/ModalDialog';
import { useTranslation } from '../../../i18n/useTranslation';
import { useClusterSyncStore } from './cluster-sync-store';
import { Button } from '../../../ui/Button';
import { Badge } from '../../../ui/Badge';
import { CommandBlock } from '../../../ui/CommandBlock';
import { DataTable } from '../../../ui/DataTable';
import { RemovalTable } from '../../../ui/removals/RemovalTable';
import type { Removal } from '../../../ui/removals/removals';
import type { Tone } from '../tones';

const objectName = (object: SyncObject) => `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;

const ACTION_TONE: Record<SyncObject['action'], Tone> = { create: 'change', update: 'change', unchanged: 'neutral', conflict: 'error', foreign: 'error', forbidden: 'error', remove: 'remove' };
const OUTCOME_TONE: Record<string, Tone> = { done: 'ok', unchanged: 'neutral', skipped: 'warn', failed: 'error' };

function ObjectRows({ objects, outcome }: { objects: (SyncObject & { outcome?: string })[]; outcome?: boolean }) {
  const { t } = useTranslation();
  return (
    <DataTable className="sync-table" caption={t('clusterSync.objects')} columns={[t('clusterSync.objects'), t('clusterSync.change')]}>
      {objects.map((object) => (
        <tr key={objectName(object)} data-kind={object.kind} data-action={object.action}>
          <td>
            <span className="mono">{objectName(object)}</span>
            {object.carriesSecret && <span className="detail"> — {t('clusterSync.secretHidden')}</span>}
            {object.detail && <div className="field-error">{object.detail}</div>}
          </td>
          <td>
            {outcome && object.outcome ? (
              <Badge tone={OUTCOME_TONE[object.outcome] ?? 'neutral'}>{t(`clusterSync.outcome.${object.outcome as 'done'}`)}</Badge>
            ) : (
              <Badge tone={ACTION_TONE[object.action]}>{t(`clusterSync.action.${object.action}`)}</Badge>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** What apply deletes, per cluster and namespace (cluster-wide objects have none). */
const removalsOf = (plan: SyncPlan): Removal[] =>
  plan.contexts.flatMap((context) =>
    context.objects.filter((object) => object.action === 'remove').map((object) => ({ context: context.context, namespace: object.namespace ?? '', kind: object.kind, name: object.name })),
  );

const PLAN_TONE: Record<ContextSyncPlan['state'], Tone> = { ready: 'ok', 'engine-missing': 'warn', invalid: 'error', 'not-synced': 'neutral', unreachable: 'error', forbidden: 'error' };

function ContextPlanCard({ context }: { context: ContextSyncPlan }) {
  const { t, problemText } = useTranslation();
  const label = `registry-desk.io/sync-${useClusterSyncStore.getState().registryId ?? ''}`;
  return (
    <section className="card context-card" aria-label={context.context} data-testid="sync-plan-context" data-context={context.context} data-state={context.state}>
      <div className="context-card-heading">
        <h3>{context.context}</h3>
        <Badge tone={PLAN_TONE[context.state]}>{t(`clusterSync.planState.${context.state}`)}</Badge>
      </div>
      {context.error && <p className="field-error">{problemText(context.error)}</p>}
      {context.notes.map((note) => (
        <p key={note} className={note === 'access-keys-in-cluster' ? 'field-error' : 'muted'} data-note={note}>
          {t(`clusterSync.note.${note}`, { label })}
        </p>
      ))}
      {context.objects.length > 0 && <ObjectRows objects={context.objects} />}
      {context.yaml && (
        <details open>
          <summary>{t('clusterSync.yaml', { context: context.context })}</summary>
          {/* The kit's block, as Manage access shows what it sends, with a copy button (secret data is a
              placeholder). A long one scrolls inside the card: focusable, so a keyboard can scroll it too. */}
          <div className="sync-yaml-scroll" tabIndex={0} role="region" aria-label={t('clusterSync.yaml', { context: context.context })}>
            <CommandBlock command={context.yaml} what={t('clusterSync.yamlWhat', { context: context.context })} testId="sync-yaml" />
          </div>
        </details>
      )}
    </section>
  );
}

/** The exact manifests per context, what apply does with each, and apply itself (deletions confirmed first). */
export function SyncPlanView({ plan }: { plan: SyncPlan }) {
  const { t } = useTranslation();
  const [takeOver, setTakeOver] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const busy = useClusterSyncStore((state) => state.busy !== null);
  const removals = removalsOf(plan);
  const apply = async (confirmRemovals: boolean) => {
    setConfirming(false);
    await useClusterSyncStore.getState().apply({ confirmRemovals, takeOver });
    // Apply saved the settings in main: the Settings tab must edit those, not the ones it loaded before.
    const registry = useAccessFormStore.getState().registry;
    if (registry) await useAccessFormStore.getState().open(registry);
  };
  return (
    <div className="plan" data-testid="sync-plan">
      {plan.contexts.map((context) => (
        <ContextPlanCard key={context.context} context={context} />
      ))}
      {plan.writes === 0 && <p className="muted">{t('clusterSync.nothingToApply')}</p>}
      {plan.conflicts > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={takeOver} onChange={(event) => setTakeOver(event.target.checked)} />
          {t('clusterSync.takeOver', { count: plan.conflicts })}
        </label>
      )}
      <div className="form-actions">
        <Button tone="primary" disabled={busy || plan.writes === 0} onClick={() => (removals.length > 0 ? setConfirming(true) : void apply(false))}>
          {t('clusterSync.apply')}
        </Button>
      </div>
      {confirming && (
        <ModalDialog
          id="sync-removals"
          title={t(plan.kind === 'cleanup' ? 'clusterSync.cleanupTitle' : 'clusterSync.removeTitle', { count: removals.length })}
          summary={t(plan.kind === 'cleanup' ? 'clusterSync.cleanupBody' : 'clusterSync.removeBody', { count: removals.length })}
          onClose={() => setConfirming(false)}
          wide
          actions={
            <>
              <Button onClick={() => setConfirming(false)}>
                {t('action.cancel')}
              </Button>
              <Button tone="danger" onClick={() => void apply(true)}>
                {t('clusterSync.confirm')}
              </Button>
            </>
          }
        >
          <RemovalTable removals={removals} />
        </ModalDialog>
      )}
    </div>
  );
}

export { ObjectRows };
