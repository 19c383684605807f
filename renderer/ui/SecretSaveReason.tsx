import { useTranslation } from '../i18n/useTranslation';

/** The element id a blocked save button points its aria-describedby at. */
export const SECRET_SAVE_REASON_ID = 'secret-save-reason';

/**
 * Beside a save button that writes a secret, while the OS keychain is unavailable: why the
 * button is off, in one line. The banner at the top says what is wrong and offers to check again.
 */
export function SecretSaveReason({ blocked, id = SECRET_SAVE_REASON_ID }: { blocked: boolean; id?: string }) {
  const { t } = useTranslation();
  if (!blocked) return null;
  return (
    <p id={id} className="save-blocked-reason" data-testid="secret-save-reason">
      {t('kit.saveNeedsKeychain')}
    </p>
  );
}
