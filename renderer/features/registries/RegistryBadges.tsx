import type { RegistryView } from '../../../shared/schemas';
import { useTranslation } from '../../i18n/useTranslation';

/** What an operator needs to notice at a glance: where an ECR registry lives, and weakened TLS. */
export function RegistryBadges({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const { ecrRegion, ecrAccountId, connection, authType } = registry;
  return (
    <div className="badges">
      {ecrRegion && ecrAccountId && (
        <span className="detail">{t('hint.ecrRegion', { region: ecrRegion, account: ecrAccountId })}</span>
      )}
      {authType === 'iam-role' && <span className="badge">{t('badge.iamRole')}</span>}
      {connection === 'insecure' && (
        <span className="badge badge-warning" title={t('hint.connectionInsecure')}>
          ⚠ {t('badge.insecure')}
        </span>
      )}
      {connection === 'secure-with-ca' && <span className="badge">{t('badge.customCa')}</span>}
    </div>
  );
}
