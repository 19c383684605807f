import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { RegistryView } from '../../shared/schemas';
import { DeleteCleanup, runDeleteCleanup, useDeleteCleanupReady } from '../access/cleanup/DeleteCleanup';
import { useTranslation } from '../i18n/useTranslation';
import { useRegistriesStore } from '../store/registries-store';

/** Tab stays inside the dialog: aria-modal promises that the page behind is out of reach. */
function keepFocusInside(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'Tab') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), [tabindex="0"]')];
  const first = buttons[0];
  const last = buttons.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Gives focus back to whatever opened the dialog (the row's Delete button), if it still exists. */
function useReturnFocus() {
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
}

function ConfirmDelete({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const deleting = useRegistriesStore((state) => state.deleting);
  const cancelDelete = useRegistriesStore((state) => state.cancelDelete);
  const confirmDelete = useRegistriesStore((state) => state.confirmDelete);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const cleanupReady = useDeleteCleanupReady();
  useReturnFocus();
  useEffect(() => cancelButton.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') cancelDelete();
    else keepFocusInside(event);
  };

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="delete-dialog-title"
        aria-describedby="delete-dialog-body"
        onKeyDown={onKeyDown}
      >
        <h2 id="delete-dialog-title">{t('dialog.deleteTitle')}</h2>
        <p id="delete-dialog-body">{t('dialog.deleteBody', { name: registry.name })}</p>
        <DeleteCleanup registry={registry} />
        <div className="dialog-actions">
          <button ref={cancelButton} type="button" className="button" onClick={cancelDelete}>
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
        </div>
      </div>
    </div>
  );
}

export function DeleteDialog() {
  const registry = useRegistriesStore((state) => state.pendingDelete);
  return registry ? <ConfirmDelete registry={registry} /> : null;
}
