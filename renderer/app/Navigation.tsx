import { useTranslation } from '../i18n/useTranslation';
import { useNavigationStore } from './navigation-store';
import { SCREENS } from './screens';

export function Navigation() {
  const { t } = useTranslation();
  const current = useNavigationStore((state) => state.screen);
  const show = useNavigationStore((state) => state.show);
  if (SCREENS.length < 2) return null;
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {SCREENS.map((screen) => (
        <button
          key={screen.id}
          type="button"
          className="app-nav-item"
          aria-current={screen.id === current ? 'page' : undefined}
          onClick={() => show(screen.id)}
        >
          {t(screen.label)}
        </button>
      ))}
    </nav>
  );
}
