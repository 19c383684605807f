import { useTranslation } from '../i18n/useTranslation';
import { useNavigationStore } from '../data/navigation';
import { Button } from '../ui/Button';
import { SCREENS } from './screens';

/** Shown when another screen's link opened this one: the way back to it, as it was left. */
export function BackPath() {
  const { t } = useTranslation();
  const from = useNavigationStore((state) => state.from);
  const back = useNavigationStore((state) => state.back);
  if (!from) return null;
  return (
    <div className="back-path">
      <Button tone="quiet" small onClick={back}>
        <span aria-hidden="true">←</span> {t('nav.back', { screen: t(SCREENS[from].label) })}
      </Button>
    </div>
  );
}
