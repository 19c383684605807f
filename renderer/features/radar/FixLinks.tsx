import { useTranslation } from '../../i18n/useTranslation';
import { accessSettingsForFix } from '../../../shared/pull-doctor-access';
import { parseRegistryUrl } from '../../../shared/registry-url';
import type { HygieneFinding, SecretMaker } from '../../../shared/radar-contract';
import type { RegistryView } from '../../../shared/schemas';
import { navigate, type NavigationRequest } from '../../data/navigation';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { Button } from '../../ui/Button';
import { fixForExisting, fixForFinding, type FindingFix, type SecretPlace } from './finding-fix';
import { registryOfKey } from '../../../shared/radar-contract';
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
  /**
   * Pods fail or will fail to pull: the pull doctor, and the inject preview of a saved registry
   * (creating the secrets the pods name, or patching their ServiceAccount when they name none).
   */
  pullProblem?: { serviceAccount: string; pullSecrets?: readonly string[] } | undefined;
  /** A hygiene finding: its own fix, prefilled, or why there is none to apply from here. */
  finding?: HygieneFinding | undefined;
  /** Who made each pull secret of the cell (only Registry Desk's own are removed through its plans). */
  makerOf?: (secret: string) => SecretMaker | undefined;
  /** Who made a pull secret anywhere in the fleet (a stale copy's copies are in other namespaces and clusters). */
  makerAt?: (place: SecretPlace) => SecretMaker | undefined;
  /** A cluster secret whose login expired or ends soon: repaired if Registry Desk's, else why not and where. */
  expiring?: { secret: string } | undefined;
}

/** A few of the places, then how many more: a login copied into thousands of namespaces stays one line. */
const PLACES_SHOWN = 3;
const placesText = (places: SecretPlace[]): string => {
  const shown = places.slice(0, PLACES_SHOWN).map((place) => `${place.context}/${place.namespace}/${place.secret}`);
  return places.length > PLACES_SHOWN ? `${shown.join(', ')} …(+${places.length - PLACES_SHOWN})` : shown.join(', ');
};

/** One finding's way out: the preview that writes or removes the secret, or why none applies and where to look. */
function FindingFixAction({ fix, registry, context, namespace }: { fix: FindingFix; registry: RegistryView; context: string; namespace: string }) {
  const { t } = useTranslation();
  const manage = (
    <Button small onClick={() => leaveFor({ screen: 'access', registryId: registry.id, tab: 'plan' })}>
      {t('radar.fix.manage', { registry: registry.name })}
    </Button>
  );
  switch (fix.kind) {
    case 'write':
      return (
        <Button small onClick={() => leaveFor({ screen: 'access', registryId: registry.id, tab: 'plan', prefill: fix.settings })}>
          {t('radar.fix.write', { registry: registry.name, secret: fix.secret, namespace })}
        </Button>
      );
    case 'remove':
      return (
        <Button small onClick={() => leaveFor({ screen: 'access', registryId: registry.id, tab: 'plan', prefill: fix.settings })}>
          {t('radar.fix.remove', { registry: registry.name, secret: fix.secret, namespace })}
        </Button>
      );
    case 'refresh':
      return (
        <Button small onClick={() => leaveFor({ screen: 'access', registryId: registry.id, tab: 'plan', prefill: fix.settings })}>
          {t('radar.fix.refresh', { registry: registry.name, places: placesText(fix.places) })}
        </Button>
      );
    case 'repair':
      return (
        <Button small onClick={() => leaveFor({ screen: 'access', registryId: registry.id, tab: 'status', show: 'problems' })}>
          {t('radar.fix.repair', { registry: registry.name, secret: fix.secret })}
        </Button>
      );
    case 'explain':
      return (
        <>
          <span className="detail" data-testid="radar-fix-why">
            {t(`radar.fix.why.${fix.why}`, { secret: fix.secret ?? '', secretName: fix.secretName ?? '', registry: registry.name })}
          </span>
          {/* Nothing to apply from here: the pull doctor shows, for this registry here, which secret the pods get and why they pull or not. */}
          <Button small onClick={() => leaveFor({ screen: 'pull-doctor', registryId: registry.id, prefill: { contexts: [context], namespaces: [namespace] } })}>
            {t('radar.fix.doctorFor', { registry: registry.name, namespace, context })}
          </Button>
          {manage}
        </>
      );
  }
}

/**
 * What exists to fix a finding, opened prefilled: the pull doctor, or a saved registry's Manage
 * access at its preview. The radar itself changes nothing.
 */
export function FixLinks({ context, namespace, registry, pullProblem, finding, makerOf = () => undefined, makerAt, expiring }: FixLinksProps) {
  const { t } = useTranslation();
  const saved = useRegistriesStore((state) => savedRegistryFor(selectRegistries(state), registry));
  if (!pullProblem && !finding && !expiring) return null;
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
            const fix = { kind: 'inject' as const, registryId: saved.id, registryName: saved.name, context, namespace, serviceAccount: pullProblem.serviceAccount, pullSecrets: [...(pullProblem.pullSecrets ?? [])] };
            leaveFor({ screen: 'access', registryId: saved.id, tab: 'plan', prefill: accessSettingsForFix(saved, fix) });
          }}
        >
          {t('radar.fix.inject', { registry: saved.name, namespace })}
        </Button>
      )}
      {expiring && saved && <FindingFixAction fix={fixForExisting(expiring.secret, makerOf(expiring.secret))} registry={saved} context={context} namespace={namespace} />}
      {(finding ?? expiring) && !saved && <span className="detail" data-testid="radar-fix-why">{t('radar.fix.why.noSaved', { registry })}</span>}
      {finding && saved && <FindingFixAction fix={fixForFinding(finding, saved, makerOf, makerAt)} registry={saved} context={context} namespace={namespace} />}
      <span className="detail">{t('radar.fix.hint')}</span>
    </div>
  );
}
