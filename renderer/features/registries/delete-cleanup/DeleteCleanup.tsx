import { useEffect } from 'react';
import type { RegistryView } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { RemovalTable } from '../../../ui/removals/RemovalTable';
import { removalsOf, uncheckedOf } from '../../../ui/removals/removals';
import { useDeleteCleanupStore } from './delete-cleanup-store';

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
  // Clusters out of reach are rows of the table, with their reason, whether or not anything is removed elsewhere.
  const unchecked = plan ? uncheckedOf(plan) : [];
  const listed = removeFromClusters ? removals : [];
  return (
    <div className="delete-cleanup" data-testid="delete-cleanup">
      {checking && (
        <p className="muted" role="status">
          {t('cleanup.checking')}
        </p>
      )}
      {plan && removals.length === 0 && (
        <p className="muted" role="status">
          {t(unchecked.length > 0 ? 'cleanup.nothingChecked' : 'cleanup.nothing')}
        </p>
      )}
      {removals.length > 0 && (
        <>
          <label className="checkbox-row">
            <input type="checkbox" checked={removeFromClusters} disabled={removing} onChange={(event) => choose(event.target.checked)} />
            {t('cleanup.alsoRemove', { count: removals.length })}
          </label>
          {!removeFromClusters && <p className="callout callout-warning">{t('cleanup.leftBehind')}</p>}
        </>
      )}
      {listed.length + unchecked.length > 0 && <RemovalTable removals={listed} unchecked={unchecked} />}
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
export const useDeleteCleanupListsRemovals = (): boolean =>
  useDeleteCleanupStore((state) => state.plan !== null && removalsOf(state.plan).length + uncheckedOf(state.plan).length > 0);

/** Whether the delete button may go ahead now (the cluster check has answered, nothing runs). */
export const useDeleteCleanupReady = (): boolean => useDeleteCleanupStore((state) => !state.checking && !state.removing);

export const runDeleteCleanup = (): Promise<boolean> => useDeleteCleanupStore.getState().run();
