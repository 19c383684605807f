import type { Plan } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { ModalDialog } from '../../../ui/ModalDialog';
import { RemovalTable } from '../../../ui/removals/RemovalTable';
import { removalsOf, uncheckedOf } from '../../../ui/removals/removals';
import { Button } from '../../../ui/Button';

interface RemovalDialogProps {
  plan: Plan;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Nothing the app put in a cluster goes without the operator seeing the list first. */
export function RemovalDialog({ plan, onConfirm, onCancel }: RemovalDialogProps) {
  const { t } = useTranslation();
  const removals = removalsOf(plan);
  return (
    <ModalDialog
      id="removal-dialog"
      title={t('cleanup.confirmTitle')}
      summary={t('cleanup.confirmSummary', { count: removals.length })}
      onClose={onCancel}
      wide
      actions={
        <>
          <Button onClick={onCancel}>
            {t('action.cancel')}
          </Button>
          <Button tone="danger-solid" onClick={onConfirm}>
            {t(plan.kind === 'cleanup' ? 'cleanup.confirmCleanup' : 'cleanup.confirmApply', { count: removals.length })}
          </Button>
        </>
      }
    >
      <RemovalTable removals={removals} unchecked={uncheckedOf(plan)} />
    </ModalDialog>
  );
}
