import { useTranslation } from '../i18n/useTranslation';
import { useKeychainStore } from '../data/keychain';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { ProblemBanner } from '../ui/ProblemBanner';

/**
 * The one place that says the keychain is down, and why: saves that write a secret are off
 * meanwhile (each says so in a line of its own), and "check again" asks the keychain once more.
 */
export function KeychainBanner() {
  const { t, problemText } = useTranslation();
  const status = useKeychainStore((state) => state.keychain.data);
  const error = useKeychainStore((state) => state.keychain.error);
  const checking = useKeychainStore((state) => state.keychain.status === 'loading');
  const check = useKeychainStore((state) => state.check);

  if (error) return <ProblemBanner problem={error} />;
  if (!status || status.available) return null;
  return (
    <Banner
      tone="warning"
      actions={
        <Button disabled={checking} aria-busy={checking} onClick={() => void check()}>
          {checking ? t('keychain.checking') : t('keychain.checkAgain')}
        </Button>
      }
    >
      <strong>{t('keychain.unavailable', { backend: status.backend })}</strong>
      {status.error && <p>{problemText(status.error)}</p>}
    </Banner>
  );
}
