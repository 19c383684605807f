import { useTranslation } from '../i18n/useTranslation';
import { useKeychainStore } from '../data/keychain';
import { Banner } from '../ui/Banner';
import { ProblemBanner } from '../ui/ProblemBanner';

/** Stays up for the whole session: every save fails while the keychain is unavailable. */
export function KeychainBanner() {
  const { t, problemText } = useTranslation();
  const status = useKeychainStore((state) => state.keychain.data);
  const error = useKeychainStore((state) => state.keychain.error);

  if (error) return <ProblemBanner problem={error} />;
  if (!status || status.available) return null;
  return (
    <Banner tone="warning">
      <strong>{t('keychain.unavailable', { backend: status.backend })}</strong>
      {status.error && <p>{problemText(status.error)}</p>}
    </Banner>
  );
}
