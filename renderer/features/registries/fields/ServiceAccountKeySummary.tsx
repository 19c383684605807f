import type { NormalizedServiceAccountKey } from '../../../../shared/service-account-key';
import { useTranslation } from '../../../i18n/useTranslation';
import { Button } from '../../../ui/Button';

interface ServiceAccountKeySummaryProps {
  /** null when the chosen file is not a usable key; the field shows why. */
  serviceAccountKey: NormalizedServiceAccountKey | null;
  fileName: string | null;
  onRemove: () => void;
}

/** Names the key by its service account; the key itself is never shown again. */
export function ServiceAccountKeySummary({ serviceAccountKey, fileName, onRemove }: ServiceAccountKeySummaryProps) {
  const { t } = useTranslation();
  const fileLine = fileName ? t('file.loaded', { file: fileName }) : null;
  const headline = serviceAccountKey ? t('serviceAccount.loaded', { email: serviceAccountKey.clientEmail }) : fileLine;
  return (
    <div className={`loaded-key${serviceAccountKey ? '' : ' is-invalid'}`}>
      <span className="loaded-key-icon" aria-hidden="true">
        {serviceAccountKey ? '✓' : '!'}
      </span>
      <div className="loaded-key-text">
        <strong>{headline}</strong>
        {serviceAccountKey?.projectId && (
          <span className="muted">{t('serviceAccount.project', { project: serviceAccountKey.projectId })}</span>
        )}
        {serviceAccountKey && fileLine && <span className="muted">{fileLine}</span>}
      </div>
      <Button tone="quiet" onClick={onRemove}>
        {t('action.removeKey')}
      </Button>
    </div>
  );
}
