import { useRef, type ReactNode } from 'react';
import { useFocusWhenLost } from '../../ui/use-focus-when-lost';
import { useBrowserStore, type Listing } from './browser-store';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';

/**
 * "Reading…" with its Cancel while a call is in flight — with the pages and names read so far when
 * the call reads many (`listing`: the list this one fills) — or how long it waits because the
 * registry asked it to slow down.
 */
export function Reading({ onCancel, listing }: { onCancel: () => void; listing?: 'repositories' | 'tags' }) {
  const { t } = useTranslation();
  const slowDown = useBrowserStore((state) => state.slowDown);
  const progress = useBrowserStore((state) => (listing && state.progress?.listing === listing ? state.progress : null));
  const reading = progress ? t('browse.progress', { pages: progress.pages, names: progress.names }) : t('browse.loading');
  return (
    <p className="browse-row" role="status">
      {slowDown ? t('browse.waiting', { seconds: slowDown.seconds, host: slowDown.host }) : reading}
      <Button tone="quiet" small onClick={onCancel}>
        {t('browse.cancel')}
      </Button>
    </p>
  );
}

const NO_HEADING = { current: null };

/**
 * A level's heading with the way back to the level above. With `takeFocus`, the heading takes the
 * focus that went away with the level before (a level whose list takes it instead leaves it off).
 */
export function LevelHeading({ id, onBack, mono = false, takeFocus = false, children }: { id: string; onBack: () => void; mono?: boolean; takeFocus?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(takeFocus ? heading : NO_HEADING);
  return (
    <div className="browse-row">
      {/* Outlined, not quiet: a quiet button's padding is invisible, so its label sat indented from the facts below it. */}
      <Button small onClick={onBack}>
        {t('browse.back')}
      </Button>
      <h2 id={id} ref={heading} tabIndex={takeFocus ? -1 : undefined} className={mono ? 'mono' : undefined}>
        {children}
      </h2>
    </div>
  );
}

/** Reading (with Cancel), Load more while pages remain, or `empty` (what an empty list means, and what to do). */
export function ListProgress<T>({
  listing,
  kind,
  hidden = false,
  empty,
  onMore,
  onCancel,
}: {
  listing: Listing<T>;
  kind: 'repositories' | 'tags';
  hidden?: boolean;
  empty: string;
  onMore: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  if (hidden) return null;
  if (listing.loading) return <Reading onCancel={onCancel} listing={kind} />;
  // Cancelled: not "empty" or "no match", which a read that never finished cannot know.
  const cancelled = listing.cancelled && (
    <p className="muted" role="status" data-testid="browse-cancelled">
      {t(kind === 'repositories' ? 'browse.cancelledRepositories' : 'browse.cancelledTags')}
    </p>
  );
  if (listing.next)
    return (
      <>
        {cancelled}
        <Button onClick={onMore}>{t('browse.more')}</Button>
      </>
    );
  if (cancelled) return cancelled;
  if (listing.items.length === 0 && !listing.error) return <p className="muted" data-testid="browse-empty">{empty}</p>;
  return null;
}
