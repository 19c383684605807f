import type { RegistryView } from '../../../shared/schemas';
import { DeleteCleanup, runDeleteCleanup, useDeleteCleanupListsRemovals, useDeleteCleanupReady } from './delete-cleanup/DeleteCleanup';
import { ModalDialog } from '../../ui/ModalDialog';
import { useTranslation } from '../../i18n/useTranslation';
import { useDeleteStore } from './delete-store';
import { Button } from '../../ui/Button';
import { selectRegistries, useRegistriesStore } from '../../data/registries';

/** Deleting the default hands it to the first registry left, as main does; the dialog says which. */
function DefaultMoves({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const next = useRegistriesStore((state) => selectRegistries(state).find((candidate) => candidate.id !== registry.id));
  if (!registry.isDefault || !next) return null;
  return (
    <p className="detail" data-testid="default-moves">
      {t('registryList.defaultMoves', { name: next.name })}
    </p>
  );
}

function ConfirmDelete({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const deleting = useDeleteStore((state) => state.deleting);
  const cancelDelete = useDeleteStore((state) => state.cancelDelete);
  const confirmDelete = useDeleteStore((state) => state.confirmDelete);
  const cleanupReady = useDeleteCleanupReady();
  const listsRemovals = useDeleteCleanupListsRemovals();

  return (
    <ModalDialog
      id="delete-dialog"
      title={t('dialog.deleteTitle')}
      summary={t('dialog.deleteBody', { name: registry.name })}
      onClose={cancelDelete}
      wide={listsRemovals}
      actions={
        <>
          <Button onClick={cancelDelete}>
            {t('action.cancel')}
          </Button>
          <Button
            tone="danger-solid"
            disabled={deleting || !cleanupReady}
            onClick={() => void runDeleteCleanup().then((removed) => (removed ? confirmDelete() : undefined))}
          >
            {t('action.confirmDelete')}
          </Button>
        </>
      }
    >
      <DefaultMoves registry={registry} />
      <DeleteCleanup registry={registry} />
    </ModalDialog>
  );
}

export function DeleteDialog() {
  const registry = useDeleteStore((state) => state.pendingDelete);
  return registry ? <ConfirmDelete registry={registry} /> : null;
}
