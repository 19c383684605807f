import { useCallback } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { useDateTime } from '../../ui/time/use-date-time';
import { Button } from '../../ui/Button';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { VirtualRows } from '../../ui/VirtualRows';
import { useBrowserStore } from './browser-store';
import { LevelHeading, ListProgress } from './ListProgress';
import { FilterForm } from './RepositoryList';
import { WhereItRuns } from './WhereItRuns';

const ROW_HEIGHT = 36;

/** Tags in a virtual list: thousands cost what a screenful does, and the next page loads as the end comes into view. */
export function TagList() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { repository, tags, searchTags, moreTags, openImage, back, cancel } = useBrowserStore();
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
          resetKey={`${repository}\u0000${tags.filter}`}
          onNeedMore={needMore}
          placeholder={<span className="muted">{t('browse.loading')}</span>}
          renderRow={(index) => {
            const tag = tags.items[index]!;
            return (
              <span className="browse-tag">
                <Button tone="quiet" small onClick={() => openImage(tag.name)}>
                  <span className="mono">{tag.name}</span>
                </Button>
                {tag.pushedAt && <span className="muted">{dateTime(tag.pushedAt)}</span>}
              </span>
            );
          }}
        />
      )}
      <ListProgress listing={tags} onMore={moreTags} onCancel={cancel} />
      <WhereItRuns />
    </section>
  );
}
