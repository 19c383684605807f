import { useContextsStore } from '../data/contexts';
import { useKeychainStore } from '../data/keychain';
import { useNavigationStore } from '../data/navigation';
import { useRegistriesStore } from '../data/registries';
import { arriveAtAccess } from '../features/access/access-view-store';
import { arriveAtPullDoctor } from '../features/pull-doctor/pull-doctor-store';
import { arriveAtRegistryBrowser } from '../features/registry-browser/browser-store';
import { useLanguagePreference } from '../i18n/language-preference';

/**
 * What the app starts once, before any screen: the screens' arrivals for navigation requests, the
 * first reads of the shared state and its subscriptions, so every screen sees the same contexts
 * and registries from the start. Returns the function that stops the subscriptions.
 */
export function startApp(): () => void {
  useNavigationStore.getState().receiveArrivals({ access: arriveAtAccess, 'pull-doctor': arriveAtPullDoctor, 'registry-browser': arriveAtRegistryBrowser });
  void useLanguagePreference.getState().load();
  void useKeychainStore.getState().check();
  void useRegistriesStore.getState().load();
  void useContextsStore.getState().load();
  const stopContexts = useContextsStore.getState().follow();
  const followSystemLocale = useLanguagePreference.getState().followSystemLocale;
  window.addEventListener('languagechange', followSystemLocale);
  return () => {
    stopContexts();
    window.removeEventListener('languagechange', followSystemLocale);
  };
}
