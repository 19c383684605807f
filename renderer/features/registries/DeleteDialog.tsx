import type { RegistryView } from '../../../shared/schemas';
import { DeleteCleanup, runDeleteCleanup, useDeleteCleanupReady } from './delete-cleanup/DeleteCleanup';
import { ModalDialog } from '../../ui/ModalDialog';
import { useTranslation } from '../../i18n/useTranslation';
import { useRegistriesStore } from '../../data/registries';

function ConfirmDelete({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const deleting = useRegistriesStore((state) => state.deleting);
  const cancelDelete = useRegistriesStore((state) => state.cancelDelete);
  const confirmDelete = useRegistriesStore((state) => state.confirmDelete);
  const cleanupReady = useDeleteCleanupReady();

  return (
    <ModalDialog
      id="delete-dialog"
      title={t('dialog.deleteTitle')}
      summary={t('dialog.deleteBody', { name: registry.name })}
      onClose={cancelDelete}
      actions={
        <>
          <button type="button" className="button" onClick={cancelDelete}>
            {t('action.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger-solid"
            disabled={deleting || !cleanupReady}
            onClick={() => void runDeleteCleanup().then((removed) => (removed ? confirmDelete() : undefined))}
          >
            {t('action.confirmDelete')}
          </button>
        </>
      }
    >
      <DeleteCleanup registry={registry} />
    </ModalDialog>
  );
}

export function DeleteDialog() {
  const registry = useRegistriesStore((state) => state.pendingDelete);
  return registry ? <ConfirmDelete registry={registry} /> : null;
}
