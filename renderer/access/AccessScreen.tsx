import { useEffect } from 'react';
import { useAccessFormStore } from './access-form-store';
import { ClustersOverview } from './ClustersOverview';
import { loadAndProbe, useClustersStore } from './clusters-store';
import { RegistryAccess } from './RegistryAccess';
import './access.css';

/** "Clusters": the kubeconfig's contexts, and "Manage access" of one registry when one is open. */
export function AccessScreen() {
  const registry = useAccessFormStore((state) => state.registry);
  useEffect(() => {
    void loadAndProbe();
    return useClustersStore.getState().follow();
  }, []);
  return registry ? <RegistryAccess registry={registry} /> : <ClustersOverview />;
}
