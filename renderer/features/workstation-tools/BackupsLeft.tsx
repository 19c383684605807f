import { useState } from 'react';
import type { ToolsOverview } from '../../../shared/workstation-tools-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ModalDialog } from '../../ui/ModalDialog';
import { useToolsStore } from './tools-store';

/** Deleting the backups removes the last plain-text copies, and the undo with them when it needs one: asked first. */
export function DeleteBackupsDialog({ backups, onClose }: { backups: ToolsOverview['backups']; onClose: () => void }) {
  const { t } = useTranslation();
  const busy = useToolsStore((state) => state.busy);
  const deleteBackups = useToolsStore((state) => state.deleteBackups);
  const body = t('tools.deleteBackupsBody', { count: backups.paths.length });
  return (
    <ModalDialog
      id="tools-delete-backups"
      title={t('tools.deleteBackupsTitle')}
      summary={backups.holdsUndo ? `${body} ${t('tools.deleteBackupsEndsUndo')}` : body}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button tone="danger-solid" disabled={busy} onClick={() => void deleteBackups().then(onClose)}>
            {t('tools.deleteBackups')}
          </Button>
        </>
      }
    />
  );
}

/**
 * The plain-text logins still in the app's backups beside the tools' files, from every apply: each
 * apply replaces the undo, not the backups before it, so the last apply's card alone would miss them.
 */
export function BackupsLeft({ backups }: { backups: ToolsOverview['backups'] }) {
  const { t } = useTranslation();
  const busy = useToolsStore((state) => state.busy);
  const [confirming, setConfirming] = useState(false);
  if (backups.plainText === 0 && !backups.more) return null;
  return (
    <Banner
      tone="warning"
      actions={
        <Button tone="danger" disabled={busy} onClick={() => setConfirming(true)}>
          {t('tools.deleteBackups')}
        </Button>
      }
    >
      <span data-testid="tools-backups-left">
        {t('tools.backupsLeft', { count: backups.plainText, files: backups.paths.length })}
        {backups.more && ` ${t('tools.backupsMore')}`}
      </span>
      {confirming && <DeleteBackupsDialog backups={backups} onClose={() => setConfirming(false)} />}
    </Banner>
  );
}
