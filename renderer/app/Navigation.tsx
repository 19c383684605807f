import { useTranslation } from '../i18n/useTranslation';
import { useNavigationStore } from '../data/navigation';
import { SCREEN_IDS } from '../data/screen-ids';
import { SCREENS } from './screens';

export function Navigation() {
  const { t } = useTranslation();
  const current = useNavigationStore((state) => state.screen);
  const navigate = useNavigationStore((state) => state.navigate);
  if (SCREEN_IDS.length < 2) return null;
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {SCREEN_IDS.map((id) => (
        <button key={id} type="button" className="app-nav-item" aria-current={id === current ? 'page' : undefined} onClick={() => navigate({ screen: id })}>
          {t(SCREENS[id].label)}
        </button>
      ))}
    </nav>
  );
}
