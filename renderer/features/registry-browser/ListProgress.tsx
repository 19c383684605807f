import type { ReactNode } from 'react';
import { useBrowserStore, type Listing } from './browser-store';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';

/** "Reading…" with its Cancel while a call is in flight, or how long it waits because the registry asked it to slow down. */
export function Reading({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const slowDown = useBrowserStore((state) => state.slowDown);
  return (
    <p className="browse-row" role="status">
      {slowDown ? t('browse.waiting', { seconds: slowDown.seconds, host: slowDown.host }) : t('browse.loading')}
      <Button tone="quiet" small onClick={onCancel}>
        {t('browse.cancel')}
      </Button>
    </p>
  );
}

/** A level's heading with the way back to the level above. */
export function LevelHeading({ id, onBack, mono = false, children }: { id: string; onBack: () => void; mono?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="browse-row">
      {/* Outlined, not quiet: a quiet button's padding is invisible, so its label sat indented from the facts below it. */}
      <Button small onClick={onBack}>
        {t('browse.back')}
      </Button>
      <h2 id={id} className={mono ? 'mono' : undefined}>
        {children}
      </h2>
    </div>
  );
}

/** Reading (with Cancel), Load more while pages remain, or that the list is empty. */
export function ListProgress<T>({ listing, hidden = false, onMore, onCancel }: { listing: Listing<T>; hidden?: boolean; onMore: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  if (hidden) return null;
  if (listing.loading) return <Reading onCancel={onCancel} />;
  if (listing.next) return <Button onClick={onMore}>{t('browse.more')}</Button>;
  if (listing.items.length === 0 && !listing.error) return <p className="muted">{t('browse.none')}</p>;
  return null;
}
