import type { Translation } from '../../i18n/useTranslation';

/** "11 h 42 min", "4 min 05 s": to the minute while hours remain, to the second after. */
export function durationText(t: Translation['t'], milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes });
  return t('duration.minutesSeconds', { minutes, seconds: String(seconds % 60).padStart(2, '0') });
}
