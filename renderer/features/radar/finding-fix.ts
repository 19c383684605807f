import type { AccessSettings, NamespaceSelection } from '../../../shared/access-settings';
import { ownValue } from '../../../shared/own-property';
import { accessSettingsForFix } from '../../../shared/pull-doctor-access';
import type { HygieneFinding, SecretMaker } from '../../../shared/radar-contract';
import type { RegistryView } from '../../../shared/schemas';

/**
 * What the radar offers for a hygiene finding, through the existing Manage access screens:
 * - write: the secret the workloads name but nobody made, created from the saved registry's login
 *   (the preview of "the secrets the workloads name", which creates missing ones only);
 * - repair: Registry Desk's own secret, broken or ending: the Status tab's per-row repair;
 * - remove: Registry Desk's own copy nobody uses, dropped by taking its namespace out of the access;
 * - refresh: a login whose copies differ across clusters: the saved login written again into every
 *   copy Registry Desk made, in each of their contexts and namespaces (the preview shows which change);
 * - explain: nothing the app may do itself (a secret it does not own, or logins to choose between);
 *   why, and the Manage access screen to look further.
 */
export type FindingFix =
  | { kind: 'write'; secret: string; settings: AccessSettings }
  | { kind: 'remove'; secret: string; settings: AccessSettings }
  | { kind: 'refresh'; places: SecretPlace[]; settings: AccessSettings }
  | { kind: 'repair'; secret: string }
  | { kind: 'explain'; why: 'foreignUnused' | 'conflict' | 'staleCopy' | 'otherName' | 'selector' | 'otherRegistry' | 'managedElsewhere' | 'byHand'; secret?: string; secretName?: string };

export type SecretPlace = NonNullable<HygieneFinding['places']>[number];

function secretOf(finding: HygieneFinding): string | undefined {
  const secret = finding.params['secret'];
  return typeof secret === 'string' ? secret : undefined;
}

function withoutNamespace(selection: NamespaceSelection, namespace: string): NamespaceSelection | null {
  switch (selection.kind) {
    case 'all':
      return selection.excluded.includes(namespace) ? selection : { kind: 'all', excluded: [...selection.excluded, namespace] };
    case 'list':
      return { kind: 'list', names: selection.names.filter((name) => name !== namespace) };
    case 'selector':
      // Which namespaces a selector matches is the cluster's to say; narrowing it is the operator's choice.
      return null;
  }
}

/** The registry's settings with this namespace of this context out of its scope: the preview then lists the removal. */
export function settingsWithout(registry: RegistryView, context: string, namespace: string): AccessSettings | null {
  const base = registry.access;
  if (!base) return null;
  const scope = ownValue(base.contextScopes, context) ?? base.scope;
  const namespaces = withoutNamespace(scope.namespaces, namespace);
  if (!namespaces) return null;
  return { ...base, contextScopes: { ...base.contextScopes, [context]: { namespaces, serviceAccounts: scope.serviceAccounts } } };
}

/** Settings that write the saved login into `secret` in this namespace, or why they cannot (the app writes another name). */
function writeInto(registry: RegistryView, context: string, namespace: string, secret: string): FindingFix {
  const credential = registry.access?.credential;
  // Under "registry credentials" the app writes one name of its own; adding a second is a settings change, not a fix.
  if (credential?.type === 'registry-credentials' && credential.secretName !== secret) return { kind: 'explain', why: 'otherName', secret, secretName: credential.secretName };
  const fix = { kind: 'inject' as const, registryId: registry.id, registryName: registry.name, context, namespace, serviceAccount: 'default', pullSecrets: [secret] };
  return { kind: 'write', secret, settings: accessSettingsForFix(registry, fix) };
}

/**
 * Settings that write the saved login into each of these existing secrets where it is: every
 * context and namespace added to the scope with the secret's name; none created where it is not.
 */
function writeIntoPlaces(registry: RegistryView, places: SecretPlace[]): FindingFix {
  const credential = registry.access?.credential;
  if (credential?.type === 'registry-credentials') {
    const other = places.find((place) => place.secret !== credential.secretName);
    if (other) return { kind: 'explain', why: 'otherName', secret: other.secret, secretName: credential.secretName };
  }
  let view = registry;
  for (const { context, namespace, secret } of places) {
    view = { ...view, access: accessSettingsForFix(view, { kind: 'inject', registryId: registry.id, registryName: registry.name, context, namespace, serviceAccount: 'default', pullSecrets: [secret] }) };
  }
  const settings = view.access!;
  // A refresh rewrites copies; a namespace lacking one of the names gets none it did not have before.
  const createMissing = credential?.type === 'image-pull-secret' ? credential.createMissing : false;
  return { kind: 'refresh', places, settings: settings.credential.type === 'image-pull-secret' ? { ...settings, credential: { ...settings.credential, createMissing } } : settings };
}

/** Makers that write the secret again from their own source: a rewrite from here would be undone. */
const REWRITTEN_BY_MAKER: ReadonlySet<SecretMaker> = new Set(['external-secrets', 'reflector', 'kyverno', 'helm']);

/**
 * A secret that exists but no longer serves (its login ended, it cannot be parsed, or kubelet
 * ignores its type): Registry Desk's own is repaired from its Status tab; one kept by another tool
 * is renewed at that tool's source (a rewrite from here would be undone); one made by hand is
 * never overwritten by the app, so it is replaced where it was made.
 */
export function fixForExisting(secret: string, maker: SecretMaker | undefined): FindingFix {
  if (maker === 'registry-desk') return { kind: 'repair', secret };
  if (maker && REWRITTEN_BY_MAKER.has(maker)) return { kind: 'explain', why: 'managedElsewhere', secret };
  return { kind: 'explain', why: 'byHand', secret };
}

/**
 * @param makerOf who made a secret of the finding's namespace
 * @param makerAt who made a secret anywhere in the fleet (a stale copy's copies are in many places)
 */
export function fixForFinding(finding: HygieneFinding, registry: RegistryView, makerOf: (secret: string) => SecretMaker | undefined, makerAt: (place: SecretPlace) => SecretMaker | undefined = () => undefined): FindingFix {
  const secret = secretOf(finding);
  switch (finding.code) {
    case 'missing':
      return secret ? writeInto(registry, finding.context, finding.namespace, secret) : { kind: 'explain', why: 'conflict' };
    case 'wrongType':
    case 'unparsable':
      return secret ? fixForExisting(secret, makerOf(secret)) : { kind: 'explain', why: 'conflict' };
    case 'unused': {
      if (!secret || makerOf(secret) !== 'registry-desk') return { kind: 'explain', why: 'foreignUnused', ...(secret ? { secret } : {}) };
      // Made by Registry Desk, but this registry has no access settings: it was made for another one.
      if (!registry.access) return { kind: 'explain', why: 'otherRegistry', secret };
      const settings = settingsWithout(registry, finding.context, finding.namespace);
      return settings ? { kind: 'remove', secret, settings } : { kind: 'explain', why: 'selector', secret };
    }
    case 'conflict':
      return { kind: 'explain', why: 'conflict' };
    case 'staleCopy': {
      // Only Registry Desk's own copies are rewritten by its plans; the others are changed where they are made.
      const own = (finding.places ?? []).filter((place) => makerAt(place) === 'registry-desk');
      return own.length > 0 ? writeIntoPlaces(registry, own) : { kind: 'explain', why: 'staleCopy' };
    }
  }
}
