import { useEffect, useState } from 'react';
import type { FindResult } from '../../../../shared/pull-doctor-contract';
import type { RegistryView } from '../../../../shared/schemas';
import { callApi } from '../../../api/call-api';
import { useTranslation } from '../../../i18n/useTranslation';
import { navigate } from '../../../data/navigation';
import { Button } from '../../../ui/Button';

interface Place {
  context: string;
  namespace: string;
  pods: number;
}

function placesOf(result: FindResult): Place[] {
  const places = new Map<string, Place>();
  for (const diagnosis of result.diagnoses) {
    const key = JSON.stringify([diagnosis.context, diagnosis.namespace]);
    const place = places.get(key) ?? { context: diagnosis.context, namespace: diagnosis.namespace, pods: 0 };
    place.pods += new Set(diagnosis.containers.map((container) => container.uid)).size;
    places.set(key, place);
  }
  return [...places.values()];
}

/** In a registry's access status: where pods cannot pull from this registry, each a way into the pull doctor. */
export function RegistryPullFailures({ registry, contexts, checkedAt }: { registry: RegistryView; contexts: string[]; checkedAt: string }) {
  const { t } = useTranslation();
  const [places, setPlaces] = useState<Place[]>([]);
  const key = contexts.join('\u0000');
  useEffect(() => {
    let current = true;
    const names = key === '' ? [] : key.split('\u0000');
    if (names.length > 0) {
      void callApi('pull-doctor:find', { contexts: names, namespaces: [], registryId: registry.id }).then((result) => {
        if (current) setPlaces(result.ok ? placesOf(result.value) : []);
      });
    }
    return () => {
      current = false;
    };
  }, [registry.id, key, checkedAt]);
  if (places.length === 0) return null;
  return (
    <ul className="doctor-registry-failures" data-testid="registry-pull-failures">
      {places.map((place) => (
        <li key={`${place.context}/${place.namespace}`}>
          <span>{t('doctor.entry.registry', { count: place.pods, namespace: place.namespace, context: place.context })}</span>
          <Button onClick={() => navigate({ screen: 'pull-doctor', registryId: registry.id, prefill: { contexts: [place.context], namespaces: [place.namespace] } })}>
            {t('doctor.entry.diagnose')}
          </Button>
        </li>
      ))}
    </ul>
  );
}
