import { useCallback, useState } from 'react';
import type { TagOrder } from '../../../shared/registry-browser-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { TimeText } from '../../ui/time/TimeText';
import { VirtualRows } from '../../ui/VirtualRows';
import { useBrowserStore } from './browser-store';
import { LevelHeading, ListProgress } from './ListProgress';
import { FilterForm } from './RepositoryList';
import { shownTags } from './tag-order';
import { WhereItRuns } from './WhereItRuns';

const ROW_HEIGHT = 36;

/** Tags in a virtual list: thousands cost what a screenful does, and the next page loads as the end comes into view. */
export function TagList() {
  const { t } = useTranslation();
  const { repository, tags, tagOrder, timeOrder, nameOrder, reference, searchTags, moreTags, orderTags, openImage, back, cancel } = useBrowserStore();
  const items = shownTags(tags.items, tagOrder, timeOrder, nameOrder);
  // Back from an image, the list opens at its tag, and the keyboard goes on from there.
  const [returnTo] = useState(() => {
    const index = reference === null ? -1 : items.findIndex((tag) => tag.name === reference);
    return index < 0 ? null : index;
  });
  // Why the order is not what "Newest first" or "By name" promises across the whole repository, while
  // it is not (sorting the loaded tags is the whole order once none remain).
  const orderNote =
    timeOrder === 'unavailable'
      ? t('browse.order.noTimes')
      : tags.next === null
        ? null
        : tagOrder === 'time' && timeOrder === 'loaded'
          ? t('browse.order.withinLoaded', { count: tags.items.length })
          : tagOrder === 'name' && nameOrder === 'loaded'
            ? t('browse.order.namesWithinLoaded', { count: tags.items.length })
            : null;
  const needMore = useCallback(() => {
    if (tags.next && !tags.loading) moreTags();
  }, [tags.next, tags.loading, moreTags]);
  const title = t('browse.tags', { repository: repository ?? '' });
  return (
    <section className="card" aria-labelledby="browse-tags">
      <LevelHeading id="browse-tags" onBack={back}>
        {title}
      </LevelHeading>
      <FilterForm id="browse-tag-filter" initial={tags.filter} onSearch={searchTags} />
      <div className="browse-row">
        <label htmlFor="browse-tag-order">{t('browse.order')}</label>
        <select
          id="browse-tag-order"
          value={timeOrder === 'unavailable' ? 'name' : tagOrder}
          aria-describedby={orderNote ? 'browse-tag-order-note' : undefined}
          onChange={(event) => orderTags(event.target.value as TagOrder)}
        >
          <option value="name">{t('browse.order.name')}</option>
          <option value="time" disabled={timeOrder === 'unavailable'}>
            {t('browse.order.time')}
          </option>
        </select>
      </div>
      {orderNote && (
        <p id="browse-tag-order-note" className="muted">
          {orderNote}
        </p>
      )}
      <ProblemBanner problem={tags.error} />
      <p className="muted" role="status">
        {t('browse.tagCount', { count: tags.items.length })}
      </p>
      {tags.items.length > 0 && (
        <VirtualRows
          count={tags.items.length + (tags.next ? 1 : 0)}
          loaded={tags.items.length}
          rowHeight={ROW_HEIGHT}
          height={Math.min(420, ROW_HEIGHT * (tags.items.length + 1))}
          label={title}
          resetKey={`${repository}\u0000${tags.filter}\u0000${tagOrder}`}
          onNeedMore={needMore}
          keyboard
          returnTo={returnTo}
          placeholder={<span className="muted">{t('browse.loading')}</span>}
          renderRow={(index, tabIndex) => {
            const tag = items[index]!;
            return (
              <span className="browse-tag">
                <Button tone="quiet" small tabIndex={tabIndex} onClick={() => openImage(tag.name)}>
                  <span className="mono">{tag.name}</span>
                </Button>
                {tag.pushedAt && (
                  <span className="muted">
                    <TimeText at={tag.pushedAt} />
                  </span>
                )}
              </span>
            );
          }}
        />
      )}
      <ListProgress listing={tags} kind="tags" empty={tags.filter.trim() ? t('browse.noTagMatch', { filter: tags.filter.trim() }) : t('browse.noTags')} onMore={moreTags} onCancel={cancel} />
      <WhereItRuns />
    </section>
  );
}
