import { useMemo } from 'react';
import { useTranslation } from '../../i18n/useTranslation';

/** Formats an ISO time in the operator's language, e.g. "26 Nov 2026, 23:41:07". */
export function useDateTime(): (iso: string) => string {
  const { language } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    return (iso: string) => format.format(new Date(iso));
  }, [language]);
}
