import { LanguageSelect } from './LanguageSelect';
import { useTranslation } from '../i18n/useTranslation';
import { Navigation } from './Navigation';

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
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
      <LanguageSelect />
    </header>
  );
}
