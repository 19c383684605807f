import { useEffect } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useLanguagePreference } from '../i18n/language-preference';
import { Sidebar } from './Sidebar';
import { BackPath } from './BackPath';
import { useNavigationStore } from '../data/navigation';
import { SCREENS } from './screens';
import { startApp } from './start';
import { KeychainBanner } from './KeychainBanner';
import { ProblemBanner } from '../ui/ProblemBanner';

/** Screen readers and CJK font selection both rely on the document language. */
function useDocumentLanguage() {
  const { language } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}

export function App() {
  useEffect(startApp, []);
  useDocumentLanguage();
  const preferencesError = useLanguagePreference((state) => state.error);
  const dismissPreferencesError = useLanguagePreference((state) => state.dismissError);
  const screenId = useNavigationStore((state) => state.screen);
  const Screen = SCREENS[screenId].component;

  return (
    <div className="app">
      <Sidebar />
      <main className="app-content">
        <BackPath />
        <KeychainBanner />
        <ProblemBanner problem={preferencesError} onDismiss={dismissPreferencesError} />
        <Screen />
      </main>
    </div>
  );
}
