import { useState, type FormEvent } from 'react';
import { useRovingFocus } from '../../ui/use-roving-focus';
import { useTranslation } from '../../i18n/useTranslation';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useBrowserStore } from './browser-store';
import { ListProgress } from './ListProgress';

/** Opens a repository by name: the way on when listing is impossible, and a shortcut otherwise. */
function TypedRepository() {
  const { t } = useTranslation();
  const openRepository = useBrowserStore((state) => state.openRepository);
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) openRepository(name.trim());
  };
  return (
    <form className="browse-row" onSubmit={submit}>
      <label htmlFor="browse-typed">{t('browse.typeRepository')}</label>
      <input id="browse-typed" className="mono" value={name} onChange={(event) => setName(event.target.value)} />
      <Button type="submit">{t('browse.open')}</Button>
    </form>
  );
}

export function FilterForm({ id, initial, onSearch }: { id: string; initial: string; onSearch: (filter: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text);
  };
  return (
    <form className="browse-row" role="search" onSubmit={submit}>
      <label htmlFor={id}>{t('browse.filter')}</label>
      <input id={id} type="search" className="search-input" value={text} onChange={(event) => setText(event.target.value)} />
      <Button type="submit">{t('browse.filter')}</Button>
    </form>
  );
}

/** Columns the grid of names has at the window's width: up and down move by a line of them. */
function columnsOf(list: HTMLElement | null): number {
  const template = list ? getComputedStyle(list).gridTemplateColumns : '';
  return Math.max(1, template.split(' ').filter(Boolean).length);
}

/** The names, one tab stop for the lot: arrows move (up and down by a line of the grid), Enter opens. */
function RepositoryNames({ names, label }: { names: string[]; label: string }) {
  const openRepository = useBrowserStore((state) => state.openRepository);
  // Back from a repository's tags, the grid opens at its name, and the keyboard goes on from there.
  const [start] = useState(() => {
    const index = names.indexOf(useBrowserStore.getState().repository ?? '');
    return index < 0 ? null : index;
  });
  const { listRef, tabIndexOf, onKeyDown, onFocus } = useRovingFocus({ count: names.length, start, columns: () => columnsOf(listRef.current) });
  return (
    <ul ref={listRef} className="browse-names" aria-label={label} onKeyDown={onKeyDown} onFocus={onFocus}>
      {names.map((name, index) => (
        <li key={name} data-row={index}>
          <Button tone="quiet" small tabIndex={tabIndexOf(index)} onClick={() => openRepository(name)}>
            <span className="mono">{name}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}

export function RepositoryList() {
  const { t, problemText } = useTranslation();
  const { repositories, unavailable, source, searchRepositories, moreRepositories, cancel } = useBrowserStore();
  return (
    <section className="card" aria-labelledby="browse-repositories">
      <h2 id="browse-repositories">{t('browse.repositories')}</h2>
      {unavailable ? (
        <Banner tone="warning">
          {/* What to do on a line of its own: it is the way on, and no space joins two sentences in Chinese. */}
          <p className="browse-why">{problemText(unavailable)}</p>
          <p className="browse-why">{t('browse.unavailableHint')}</p>
        </Banner>
      ) : (
        <FilterForm id="browse-repository-filter" initial={repositories.filter} onSearch={searchRepositories} />
      )}
      {source === 'quay-public' && <p className="muted">{t('browse.quayPublicOnly')}</p>}
      <TypedRepository />
      <ProblemBanner problem={repositories.error} />
      {!unavailable && repositories.items.length > 0 && (
        <p className="muted">
          {t('browse.repositoryCount', { count: repositories.items.length })}
        </p>
      )}
      {!unavailable && <RepositoryNames names={repositories.items} label={t('browse.repositories')} />}
      <ListProgress
        listing={repositories}
        kind="repositories"
        hidden={unavailable !== null}
        empty={repositories.filter.trim() ? t('browse.noRepositoryMatch', { filter: repositories.filter.trim() }) : t('browse.noRepositories')}
        onMore={moreRepositories}
        onCancel={cancel}
      />
    </section>
  );
}
