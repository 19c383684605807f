import type { RegistryView } from '../../../shared/schemas';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';

/** What an operator needs to notice at a glance: where an ECR registry lives, and weakened TLS. */
export function RegistryBadges({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const { ecrRegion, ecrAccountId, connection, authType } = registry;
  return (
    <div className="badges">
      {ecrRegion && ecrAccountId && (
        <span className="detail">{t('hint.ecrRegion', { region: ecrRegion, account: ecrAccountId })}</span>
      )}
      {authType === 'iam-role' && <Badge>{t('badge.iamRole')}</Badge>}
      {connection === 'insecure' && (
        <Badge tone="warn" title={t('hint.connectionInsecure')}>
          ⚠ {t('badge.insecure')}
        </Badge>
      )}
      {connection === 'secure-with-ca' && <Badge>{t('badge.customCa')}</Badge>}
    </div>
  );
}
