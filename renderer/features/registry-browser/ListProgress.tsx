import type { Listing } from './browser-store';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';

/** Reading (with Cancel), Load more while pages remain, or that the list is empty. */
export function ListProgress<T>({ listing, hidden = false, onMore, onCancel }: { listing: Listing<T>; hidden?: boolean; onMore: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  if (hidden) return null;
  if (listing.loading) {
    return (
      <p className="browse-row" role="status">
        {t('browse.loading')}
        <Button tone="quiet" small onClick={onCancel}>
          {t('browse.cancel')}
        </Button>
      </p>
    );
  }
  if (listing.next) return <Button onClick={onMore}>{t('browse.more')}</Button>;
  if (listing.items.length === 0 && !listing.error) return <p className="muted">{t('browse.none')}</p>;
  return null;
}
