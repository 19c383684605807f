import type { NormalizedServiceAccountKey } from '../../../../shared/service-account-key';
import { useTranslation } from '../../../i18n/useTranslation';
import { Button } from '../../../ui/Button';
import { UnbrokenNames } from '../../../ui/UnbrokenNames';

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
        {/* Service-account e-mails, projects and file names are hyphenated: a line breaks after the @ or between words, never inside one. */}
        <strong>{headline && <UnbrokenNames text={headline} />}</strong>
        {serviceAccountKey?.projectId && (
          <span className="muted">
            <UnbrokenNames text={t('serviceAccount.project', { project: serviceAccountKey.projectId })} />
          </span>
        )}
        {serviceAccountKey && fileLine && (
          <span className="muted">
            <UnbrokenNames text={fileLine} />
          </span>
        )}
      </div>
      <Button tone="quiet" onClick={onRemove}>
        {t('action.removeKey')}
      </Button>
    </div>
  );
}
