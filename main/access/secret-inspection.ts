import { isDeepStrictEqual } from 'node:util';
import { kubeletCredentials, readPullSecret, registryProbeImage } from '../pull-secrets/kubelet-keyring';
import {
  DOCKER_CONFIG_JSON,
  DOCKER_CONFIG_KEY,
  EXPIRES_AT_ANNOTATION,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  REGISTRY_KEY,
  type SecretObject,
} from '../pull-secrets/pull-secret';

export type Ownership = 'ours' | 'other-registry' | 'foreign';

/** The app's mark: managed-by label and the registry id. Anything else is never changed or deleted. */
export function ownership(secret: SecretObject, registryId: string): Ownership {
  const labels = secret.metadata.labels ?? {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE || !labels[REGISTRY_KEY]) return 'foreign';
  return labels[REGISTRY_KEY] === registryId && secret.metadata.annotations?.[REGISTRY_KEY] === registryId ? 'ours' : 'other-registry';
}

type Auths = Record<string, Record<string, unknown>>;

/** The `auths` of a dockerconfigjson secret, or null when it is not one or does not parse. */
export function dockerAuths(secret: SecretObject): Auths | null {
  const encoded = secret.data?.[DOCKER_CONFIG_KEY];
  if (secret.type !== DOCKER_CONFIG_JSON || !encoded) return null;
  try {
    const parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { auths?: unknown };
    return typeof parsed.auths === 'object' && parsed.auths !== null ? (parsed.auths as Auths) : null;
  } catch {
    return null;
  }
}

/**
 * "Specify image pull secret": why the operator's secret would not let pods pull from this
 * registry — kubelet's own lookup decides, for an image under the registry's key.
 */
export function unusableReason(secret: SecretObject, serverKey: string): 'wrong-type' | 'no-entry' | null {
  if (readPullSecret(secret).state !== 'usable') return 'wrong-type';
  return kubeletCredentials(registryProbeImage(serverKey), [secret]).length > 0 ? null : 'no-entry';
}

const configBytes = (secret: SecretObject): Buffer | null => {
  const encoded = secret.data?.[DOCKER_CONFIG_KEY];
  return encoded === undefined ? null : Buffer.from(encoded, 'base64');
};

/**
 * Whether the secret in the cluster already holds what the app would write, byte for byte: the
 * live object is decoded here, so nothing is sent to find out. A secret that decodes to the same
 * login with other escapes (an older version's `&` for kubectl's `\u0026`) is rewritten.
 */
export function sameContent(existing: SecretObject, desired: SecretObject): boolean {
  const [live, wanted] = [configBytes(existing), configBytes(desired)];
  return (
    existing.type === desired.type &&
    live !== null &&
    wanted !== null &&
    live.equals(wanted) &&
    existing.metadata.annotations?.[EXPIRES_AT_ANNOTATION] === desired.metadata.annotations?.[EXPIRES_AT_ANNOTATION]
  );
}

/** Same registries and usernames: only the passwords may differ (an ECR token renewed). */
export function sameLogin(existing: SecretObject, desired: SecretObject): boolean {
  const logins = (auths: Auths | null) =>
    auths && Object.fromEntries(Object.entries(auths).map(([key, entry]) => [key, { username: entry.username }]));
  return existing.type === desired.type && isDeepStrictEqual(logins(dockerAuths(existing)), logins(dockerAuths(desired)));
}

/**
 * ECR: a fresh token is minted for every preview, so comparing passwords would rewrite every
 * secret every time. A secret with the same login whose token still has more than half its
 * life left is up to date.
 */
export function freshEcrToken(existing: SecretObject, desired: SecretObject, now: Date, halfLifeMs: number): boolean {
  const expiresAt = Date.parse(existing.metadata.annotations?.[EXPIRES_AT_ANNOTATION] ?? '');
  return Number.isFinite(expiresAt) && expiresAt - now.getTime() > halfLifeMs && sameLogin(existing, desired);
}

export function expiresAtOf(secret: SecretObject): string | undefined {
  return secret.metadata.annotations?.[EXPIRES_AT_ANNOTATION];
}
