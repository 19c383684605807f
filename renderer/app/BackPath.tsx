import { useTranslation } from '../i18n/useTranslation';
import { useNavigationStore } from '../data/navigation';
import { BackButton } from '../ui/BackButton';
import { SCREENS } from './screens';

/** Shown when another screen's link opened this one: the way back to it, as it was left. */
export function BackPath() {
  const { t } = useTranslation();
  const from = useNavigationStore((state) => state.from);
  const back = useNavigationStore((state) => state.back);
  if (!from) return null;
  return <BackButton label={t('nav.back', { screen: t(SCREENS[from].label) })} onBack={back} />;
}
