import { useTranslation } from '../i18n/useTranslation';
import { Navigation } from './Navigation';

/** The app's left column: who it is, then every screen; it stays put while a screen scrolls. */
export function Sidebar() {
  const { t } = useTranslation();
  return (
    <aside className="app-sidebar">
      <div className="app-sidebar-inner">
        <div className="app-brand">
          <span className="app-logo" aria-hidden="true">
            ◆
          </span>
          <div>
            <p className="app-name">{t('app.name')}</p>
            <p className="app-tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <Navigation />
      </div>
    </aside>
  );
}
