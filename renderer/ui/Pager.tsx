import { useTranslation } from '../i18n/useTranslation';
import type { PageOf } from './use-page';
import { Button } from './Button';

/** "Rows 51–100 of 5,000" with previous and next; nothing when everything fits on one page. */
export function Pager<T>({ page, label }: { page: PageOf<T>; label: string }) {
  const { t, language } = useTranslation();
  if (page.pages < 2) return null;
  const number = (value: number) => value.toLocaleString(language);
  return (
    <nav className="pager" aria-label={label}>
      <Button disabled={page.page === 0} onClick={() => page.show(page.page - 1)}>
        {t('table.previous')}
      </Button>
      <span aria-live="polite">{t('table.range', { first: number(page.first), last: number(page.last), total: number(page.total) })}</span>
      <Button disabled={page.page >= page.pages - 1} onClick={() => page.show(page.page + 1)}>
        {t('table.next')}
      </Button>
    </nav>
  );
}
