import { useEffect } from 'react';
import type { RegistryView } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { RemovalTable } from '../../../ui/removals/RemovalTable';
import { removalsOf } from '../../../ui/removals/removals';
import { useDeleteCleanupStore } from './delete-cleanup-store';

function OutOfReach() {
  const { t, problemText } = useTranslation();
  const plan = useDeleteCleanupStore((state) => state.plan);
  const unknown = plan?.contexts.filter((context) => context.state === 'unreachable' || context.state === 'broken' || context.state === 'forbidden') ?? [];
  if (unknown.length === 0) return null;
  return (
    <div className="callout callout-warning">
      <p>{t('cleanup.outOfReach')}</p>
      <ul>
        {unknown.map((context) => (
          <li key={context.context}>
            <strong>{context.context}</strong>
            {context.error && `: ${problemText(context.error)}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Inside the delete confirmation: what Registry Desk put in the clusters for this registry, to
 * be removed with it (the default) or left in place.
 */
export function DeleteCleanup({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const plan = useDeleteCleanupStore((state) => state.plan);
  const checking = useDeleteCleanupStore((state) => state.checking);
  const removing = useDeleteCleanupStore((state) => state.removing);
  const removeFromClusters = useDeleteCleanupStore((state) => state.removeFromClusters);
  const error = useDeleteCleanupStore((state) => state.error);
  const choose = useDeleteCleanupStore((state) => state.choose);
  useEffect(() => {
    void useDeleteCleanupStore.getState().check(registry.id);
  }, [registry.id]);

  const removals = plan ? removalsOf(plan) : [];
  return (
    <div className="delete-cleanup" data-testid="delete-cleanup">
      {checking && (
        <p className="muted" role="status">
          {t('cleanup.checking')}
        </p>
      )}
      {plan && removals.length === 0 && (
        <p className="muted" role="status">
          {t('cleanup.nothing')}
        </p>
      )}
      {removals.length > 0 && (
        <>
          <label className="checkbox-row">
            <input type="checkbox" checked={removeFromClusters} disabled={removing} onChange={(event) => choose(event.target.checked)} />
            {t('cleanup.alsoRemove', { count: removals.length })}
          </label>
          {removeFromClusters && <RemovalTable removals={removals} />}
          {!removeFromClusters && <p className="callout callout-warning">{t('cleanup.leftBehind')}</p>}
        </>
      )}
      <OutOfReach />
      {removing && (
        <p className="muted" role="status">
          {t('cleanup.removing')}
        </p>
      )}
      <ProblemBanner problem={error} />
    </div>
  );
}

/** Whether the dialog lists what leaves the clusters: a removal table needs a wide dialog to show its names whole. */
export const useDeleteCleanupListsRemovals = (): boolean => useDeleteCleanupStore((state) => state.plan !== null && removalsOf(state.plan).length > 0);

/** Whether the delete button may go ahead now (the cluster check has answered, nothing runs). */
export const useDeleteCleanupReady = (): boolean => useDeleteCleanupStore((state) => !state.checking && !state.removing);

export const runDeleteCleanup = (): Promise<boolean> => useDeleteCleanupStore.getState().run();
