import type { RegistryView } from '../../../shared/schemas';
import { DeleteCleanup, runDeleteCleanup, useDeleteCleanupReady } from './delete-cleanup/DeleteCleanup';
import { ModalDialog } from '../../ui/ModalDialog';
import { useTranslation } from '../../i18n/useTranslation';
import { useDeleteStore } from './delete-store';
import { Button } from '../../ui/Button';

function ConfirmDelete({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const deleting = useDeleteStore((state) => state.deleting);
  const cancelDelete = useDeleteStore((state) => state.cancelDelete);
  const confirmDelete = useDeleteStore((state) => state.confirmDelete);
  const cleanupReady = useDeleteCleanupReady();

  return (
    <ModalDialog
      id="delete-dialog"
      title={t('dialog.deleteTitle')}
      summary={t('dialog.deleteBody', { name: registry.name })}
      onClose={cancelDelete}
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
      <DeleteCleanup registry={registry} />
    </ModalDialog>
  );
}

export function DeleteDialog() {
  const registry = useDeleteStore((state) => state.pendingDelete);
  return registry ? <ConfirmDelete registry={registry} /> : null;
}
