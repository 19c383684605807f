import { useMemo, type ReactNode } from 'react';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import { useTranslation } from '../../i18n/useTranslation';
import { useDateTime } from './use-date-time';
import { useNow } from './use-now';

// A certificate's end is years out: "in 3 years", not "in 1,095 days". Months and years are counted in whole days.
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** Chinese for a moment ago: Intl's "现在" reads as "at present" after 上次检查 and the like. */
const JUST_NOW_ZH = '刚刚';

/** How often a shown time is brought up to date. */
const TICK_MS = 15_000;

/**
 * "2 minutes ago", "in 11 hours": the largest whole unit between `at` and `now`. `now` is read once
 * per tick of `tickMs`, so a moment up to one tick after it (a check that just finished) may already
 * have passed: it reads as now, never "Checked in 2 seconds".
 */
export function relativeTime(format: Intl.RelativeTimeFormat, at: number, now: number, tickMs = 0): string {
  const difference = at - now > 0 && at - now < tickMs ? 0 : at - now;
  if (difference <= 0 && difference > -1000 && format.resolvedOptions().locale.startsWith('zh')) return JUST_NOW_ZH;
  for (const [unit, size] of UNITS) {
    if (Math.abs(difference) >= size || unit === 'second') return format.format(Math.trunc(difference / size), unit);
  }
  return format.format(0, 'second');
}

interface ExactTimeProps {
  /** The ISO moment: the element's `dateTime`, and in the operator's language on hover. */
  at: string;
  /** How the moment reads here: relative to now, or a duration counting to it ("11 h 42 min"). */
  children: ReactNode;
  className?: string;
}

/** The app's one time element: whatever the words, the exact moment on hover and for screen readers. */
export function ExactTime({ at, children, className }: ExactTimeProps) {
  const dateTime = useDateTime();
  return (
    <time className={className} dateTime={at} title={dateTime(at)}>
      {children}
    </time>
  );
}

/** The one way a time shows: relative to now, with the exact time on hover and for screen readers' `dateTime`. */
export function TimeText({ at }: { at: string }) {
  const { language } = useTranslation();
  const now = useNow(TICK_MS);
  const format = useMemo(() => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }), [language]);
  const when = Date.parse(at);
  if (Number.isNaN(when)) return <span>{at}</span>;
  return <ExactTime at={at}>{relativeTime(format, when, now, TICK_MS)}</ExactTime>;
}

interface TimeSentenceProps {
  /** A catalogue text with a placeholder for the time, e.g. "Tested {when}". */
  template: MessageKey;
  at: string;
  /** The placeholder's name; `at` when not given. */
  slot?: string;
  params?: MessageParams;
}

/** A sentence with a time in it, the time shown as TimeText. */
export function TimeSentence({ template, at, slot = 'at', params }: TimeSentenceProps) {
  const { t } = useTranslation();
  const [before, after = ''] = t(template, { ...params, [slot]: '\u0000' }).split('\u0000');
  return (
    <span>
      {before}
      <TimeText at={at} />
      {after}
    </span>
  );
}
