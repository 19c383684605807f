import { useTranslation } from '../i18n/useTranslation';
import { useNavigationStore } from '../data/navigation';
import { SCREEN_IDS, type ScreenId } from '../data/screen-ids';
import { SCREENS } from './screens';

function NavigationItem({ id }: { id: ScreenId }) {
  const { t } = useTranslation();
  const current = useNavigationStore((state) => state.screen);
  const from = useNavigationStore((state) => state.from);
  const open = useNavigationStore((state) => state.open);
  // A link's screen belongs to the screen that sent the operator there (Manage access opened from
  // Container registries is registries work), so the origin keeps the solid highlight and the
  // shown screen, still aria-current, gets only the edge rule.
  const highlighted = from ?? current;
  const className = ['app-nav-item', id === highlighted && 'is-active', id === from && 'is-origin', id === current && id !== highlighted && 'is-here']
    .filter(Boolean)
    .join(' ');
  return (
    <li>
      <button type="button" className={className} data-screen={id} aria-current={id === current ? 'page' : undefined} onClick={() => open(id)}>
        <span>{t(SCREENS[id].label)}</span>
        {id === from && (
          <span className="app-nav-origin" title={t('nav.cameFrom')}>
            <span aria-hidden="true">↩</span>
            <span className="visually-hidden">{t('nav.cameFrom')}</span>
          </span>
        )}
      </button>
    </li>
  );
}

/** Every screen in screen-ids order, the operator's work first and the app's own settings last. */
export function Navigation() {
  const { t } = useTranslation();
  const work = SCREEN_IDS.filter((id) => !SCREENS[id].last);
  const last = SCREEN_IDS.filter((id) => SCREENS[id].last);
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      <ul className="app-nav-list">
        {work.map((id) => (
          <NavigationItem key={id} id={id} />
        ))}
      </ul>
      <ul className="app-nav-list app-nav-last">
        {last.map((id) => (
          <NavigationItem key={id} id={id} />
        ))}
      </ul>
    </nav>
  );
}
