import { useEffect } from 'react';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { useTranslation } from '../../i18n/useTranslation';
import { Banner } from '../../ui/Banner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useBrowserStore } from './browser-store';
import { ImagePanel } from './ImagePanel';
import { PullLimits } from './PullLimits';
import { RepositoryList } from './RepositoryList';
import { TagList } from './TagList';
import './registry-browser.css';

/** Registry → repositories → tags → one image, each read through the registry's own API in main. */
export function RegistryBrowserScreen() {
  const { t } = useTranslation();
  const registries = useRegistriesStore(selectRegistries);
  const listStatus = useRegistriesStore((state) => state.list.status);
  const loadRegistries = useRegistriesStore((state) => state.load);
  const { registryId, level, chooseRegistry, unknownHost } = useBrowserStore();

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
      {registryId && registries.find((registry) => registry.id === registryId)?.type === 'docker' && <PullLimits key={registryId} registryId={registryId} />}
      {registryId && level === 'repositories' && <RepositoryList />}
      {registryId && level === 'tags' && <TagList />}
      {registryId && level === 'image' && <ImagePanel />}
    </section>
  );
}
