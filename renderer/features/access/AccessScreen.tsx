import { useEffect } from 'react';
import { useRegistriesStore } from '../../data/registries';
import { useAccessFormStore } from './access-form-store';
import { closeAccess } from './access-view-store';
import { ClustersOverview } from './ClustersOverview';
import { loadAndProbe } from '../../data/contexts';
import { RegistryAccess } from './RegistryAccess';
import './access.css';

/** "Clusters": the kubeconfig's contexts, and "Manage access" of one registry when one is open. */
export function AccessScreen() {
  const registry = useAccessFormStore((state) => state.registry);
  const deleted = useRegistriesStore((state) => state.list.data !== null && registry !== null && !state.list.data.some((entry) => entry.id === registry.id));
  useEffect(() => {
    void loadAndProbe();
  }, []);
  useEffect(() => {
    if (deleted) closeAccess();
  }, [deleted]);
  return registry && !deleted ? <RegistryAccess registry={registry} /> : <ClustersOverview />;
}
