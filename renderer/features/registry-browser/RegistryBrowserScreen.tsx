import { useEffect } from 'react';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { useTranslation } from '../../i18n/useTranslation';
import { typingIn } from '../../ui/arrow-keys';
import { Banner } from '../../ui/Banner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useBrowserStore } from './browser-store';
import { ImagePanel } from './ImagePanel';
import { PullLimits } from './PullLimits';
import { RepositoryList } from './RepositoryList';
import { TagList } from './TagList';
import './registry-browser.css';

/** The text field "/" goes to at each level: the filter, or the repository name where listing is refused. */
const FIELD_FOR_SLASH = { repositories: ['browse-repository-filter', 'browse-typed'], tags: ['browse-tag-filter'], image: [] } as const;

/**
 * The screen's keys, while it shows: Escape goes back a level (the list below then takes the focus
 * at the row the operator left), "/" goes to the level's filter. Neither acts while the operator
 * types in a field or a dialog is open, whose keys are its own.
 */
function useBrowserKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      if (event.target instanceof Element && event.target.closest('[role="dialog"], [role="menu"]')) return;
      const { level, back } = useBrowserStore.getState();
      if (event.key === 'Escape' && level !== 'repositories') {
        event.preventDefault();
        back();
      } else if (event.key === '/') {
        const field = FIELD_FOR_SLASH[level].map((id) => document.getElementById(id)).find((element) => element !== null);
        if (!field) return;
        event.preventDefault();
        field.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** Registry → repositories → tags → one image, each read through the registry's own API in main. */
export function RegistryBrowserScreen() {
  const { t } = useTranslation();
  const registries = useRegistriesStore(selectRegistries);
  const listStatus = useRegistriesStore((state) => state.list.status);
  const loadRegistries = useRegistriesStore((state) => state.load);
  const { registryId, level, chooseRegistry, unknownHost } = useBrowserStore();
  useBrowserKeys();

  useEffect(() => {
    if (listStatus === 'idle') void loadRegistries();
  }, [listStatus, loadRegistries]);

  return (
    <section aria-labelledby="browse-title">
      <ScreenHeading id="browse-title" title={t('browse.title')} intro={t('browse.intro')} />
      {unknownHost !== null && <Banner tone="warning">{t('browse.openedFrom', { host: unknownHost })}</Banner>}
      {registries.length === 0 ? (
        <p className="muted">{t('browse.noRegistries')}</p>
      ) : (
        <div className="browse-row">
          <label htmlFor="browse-registry">{t('browse.registry')}</label>
          <select id="browse-registry" value={registryId ?? ''} onChange={(event) => chooseRegistry(event.target.value)}>
            <option value="" disabled>
              —
            </option>
            {registries.map((registry) => (
              <option key={registry.id} value={registry.id}>
                {registry.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {!registryId && registries.length > 0 && <p className="muted browse-choose" data-testid="browse-choose">{t('browse.chooseRegistry')}</p>}
      {registryId && <p className="muted browse-keys">{t('browse.keys')}</p>}
      {registryId && registries.find((registry) => registry.id === registryId)?.type === 'docker' && <PullLimits key={registryId} registryId={registryId} />}
      {registryId && level === 'repositories' && <RepositoryList />}
      {registryId && level === 'tags' && <TagList />}
      {registryId && level === 'image' && <ImagePanel />}
    </section>
  );
}
