import type { Plan } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { ModalDialog } from '../../../ui/ModalDialog';
import { removalsOf, type Removal } from '../../../ui/removals/removals';

const LISTED = 200;

export function RemovalList({ removals }: { removals: Removal[] }) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="removal-list" tabIndex={0} aria-label={t('cleanup.listLabel')} data-testid="removal-list">
        {removals.slice(0, LISTED).map((removal) => (
          <li key={`${removal.context}/${removal.namespace}/${removal.serviceAccount ?? ''}/${removal.secret}`}>
            {removal.serviceAccount
              ? t('cleanup.reference', { serviceAccount: removal.serviceAccount, secret: removal.secret, namespace: removal.namespace, context: removal.context })
              : t('cleanup.secret', { secret: removal.secret, namespace: removal.namespace, context: removal.context })}
          </li>
        ))}
      </ul>
      {removals.length > LISTED && <p className="detail">{t('cleanup.more', { count: removals.length - LISTED })}</p>}
    </>
  );
}

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
          <button type="button" className="button" onClick={onCancel}>
            {t('action.cancel')}
          </button>
          <button type="button" className="button button-danger-solid" onClick={onConfirm}>
            {t(plan.kind === 'cleanup' ? 'cleanup.confirmCleanup' : 'cleanup.confirmApply', { count: removals.length })}
          </button>
        </>
      }
    >
      <RemovalList removals={removals} />
    </ModalDialog>
  );
}
