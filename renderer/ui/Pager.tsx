import { useTranslation } from '../i18n/useTranslation';
import type { PageOf } from './use-page';

/** "Rows 51–100 of 5,000" with previous and next; nothing when everything fits on one page. */
export function Pager<T>({ page, label }: { page: PageOf<T>; label: string }) {
  const { t, language } = useTranslation();
  if (page.pages < 2) return null;
  const number = (value: number) => value.toLocaleString(language);
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={page.page === 0} onClick={() => page.show(page.page - 1)}>
        {t('table.previous')}
      </button>
      <span aria-live="polite">{t('table.range', { first: number(page.first), last: number(page.last), total: number(page.total) })}</span>
      <button type="button" className="button" disabled={page.page >= page.pages - 1} onClick={() => page.show(page.page + 1)}>
        {t('table.next')}
      </button>
    </nav>
  );
}
