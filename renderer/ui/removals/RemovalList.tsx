import { useTranslation } from '../../i18n/useTranslation';
import type { Removal } from './removals';

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
