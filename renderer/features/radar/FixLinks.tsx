import { useTranslation } from '../../i18n/useTranslation';
import { accessSettingsForFix } from '../../../shared/pull-doctor-access';
import { parseRegistryUrl } from '../../../shared/registry-url';
import type { RegistryView } from '../../../shared/schemas';
import { navigate, type NavigationRequest } from '../../data/navigation';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { Button } from '../../ui/Button';
import { registryOfKey } from './radar-view';
import { useRadarStore } from './radar-store';

/** Leaves for the screen that fixes it; the drawer is closed so the radar is whole on return. */
function leaveFor(request: NavigationRequest): void {
  useRadarStore.getState().openCell(null);
  navigate(request);
}

/** The saved registry whose URL names this host, if any. */
function savedRegistryFor(registries: readonly RegistryView[], host: string): RegistryView | undefined {
  return registries.find((registry) => {
    const parsed = parseRegistryUrl(registry.url);
    if (typeof parsed === 'string') return false;
    return registryOfKey(parsed.port === null ? parsed.host : `${parsed.host}:${parsed.port}`) === host;
  });
}

interface FixLinksProps {
  context: string;
  namespace: string;
  registry: string;
  /** Pods fail or will fail to pull: the pull doctor, and the inject preview of a saved registry. */
  pullProblem?: { serviceAccount: string } | undefined;
  /** A pull secret to repair or clean up: Manage access of the saved registry. */
  secretProblem?: boolean;
}

/**
 * What exists to fix a finding, opened prefilled: the pull doctor, or a saved registry's Manage
 * access at its preview. The radar itself changes nothing.
 */
export function FixLinks({ context, namespace, registry, pullProblem, secretProblem = false }: FixLinksProps) {
  const { t } = useTranslation();
  const saved = useRegistriesStore((state) => savedRegistryFor(selectRegistries(state), registry));
  if (!pullProblem && !secretProblem) return null;
  return (
    <div className="radar-fixes">
      {pullProblem && (
        <Button small onClick={() => leaveFor({ screen: 'pull-doctor', prefill: { contexts: [context], namespaces: [namespace] } })}>
          {t('radar.fix.doctor')}
        </Button>
      )}
      {pullProblem && saved && (
        <Button
          small
          onClick={() => {
            const fix = { kind: 'inject' as const, registryId: saved.id, registryName: saved.name, context, namespace, serviceAccount: pullProblem.serviceAccount, pullSecrets: [] };
            leaveFor({ screen: 'access', registryId: saved.id, tab: 'plan', prefill: accessSettingsForFix(saved, fix) });
          }}
        >
          {t('radar.fix.inject', { registry: saved.name, namespace })}
        </Button>
      )}
      {secretProblem && saved && (
        <Button small onClick={() => leaveFor({ screen: 'access', registryId: saved.id, tab: 'plan' })}>
          {t('radar.fix.manage', { registry: saved.name })}
        </Button>
      )}
      <span className="detail">{t('radar.fix.hint')}</span>
    </div>
  );
}
