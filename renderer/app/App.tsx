import { useEffect } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useKeychainStore } from '../data/keychain';
import { usePreferencesStore } from '../data/preferences';
import { useRegistriesStore } from '../data/registries';
import { Header } from './Header';
import { useNavigationStore } from '../data/navigation';
import { SCREENS } from './screens';
import { KeychainBanner } from './KeychainBanner';
import { ProblemBanner } from '../ui/ProblemBanner';

function useStartup() {
  useEffect(() => {
    void usePreferencesStore.getState().load();
    void useKeychainStore.getState().check();
    void useRegistriesStore.getState().load();
    const followSystemLocale = usePreferencesStore.getState().followSystemLocale;
    window.addEventListener('languagechange', followSystemLocale);
    return () => window.removeEventListener('languagechange', followSystemLocale);
  }, []);
}

/** Screen readers and CJK font selection both rely on the document language. */
function useDocumentLanguage() {
  const { language } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}

export function App() {
  useStartup();
  useDocumentLanguage();
  const preferencesError = usePreferencesStore((state) => state.error);
  const dismissPreferencesError = usePreferencesStore((state) => state.dismissError);
  const screenId = useNavigationStore((state) => state.screen);
  const Screen = SCREENS[screenId].component;

  return (
    <div className="app">
      <Header />
      <main className="app-content">
        <KeychainBanner />
        <ProblemBanner problem={preferencesError} onDismiss={dismissPreferencesError} />
        <Screen />
      </main>
    </div>
  );
}
