import { useState, type FormEvent } from 'react';
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

export function RepositoryList() {
  const { t, problemText } = useTranslation();
  const { repositories, unavailable, source, searchRepositories, moreRepositories, openRepository, cancel } = useBrowserStore();
  return (
    <section className="card" aria-labelledby="browse-repositories">
      <h2 id="browse-repositories">{t('browse.repositories')}</h2>
      {unavailable ? (
        <Banner tone="warning">
          {problemText(unavailable)} {t('browse.unavailableHint')}
        </Banner>
      ) : (
        <FilterForm id="browse-repository-filter" initial={repositories.filter} onSearch={searchRepositories} />
      )}
      {source === 'quay-public' && <p className="muted">{t('browse.quayPublicOnly')}</p>}
      <TypedRepository />
      <ProblemBanner problem={repositories.error} />
      {!unavailable && (
        <ul className="browse-names" aria-label={t('browse.repositories')}>
          {repositories.items.map((name) => (
            <li key={name}>
              <Button tone="quiet" small onClick={() => openRepository(name)}>
                <span className="mono">{name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ListProgress listing={repositories} hidden={unavailable !== null} onMore={moreRepositories} onCancel={cancel} />
    </section>
  );
}
