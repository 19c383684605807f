// When each login stops working, where that can be known: a JWT's `exp`; an ECR token's end from
// the app's own annotation or External Secrets Operator's output and status (the token's issue time
// is otherwise not on the secret, so "unknown" rather than a guess from the secret's age); and Registry
// Desk's own saved registries: an uploaded CA's notAfter, a JWT password's `exp`, the end of the ECR
// token the credential helper last cached, whether Google still accepts a saved service-account key.
// Only dates and verdicts leave here, never a password, key or token.
import { z } from 'zod';
import { registryOfKey, type ExpiryRow, type ExpiryState } from '../../shared/radar-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { inspectCertificates } from '../certificates/inspect-certificates';
import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';
import { keyringKey } from '../pull-secrets/kubelet-keyring';
import { EXPIRES_AT_ANNOTATION } from '../pull-secrets/pull-secret';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from '../registry-http/connection-network';
import { checkGoogleKey } from '../registry-http/google-key-check';
import { StepFailure } from '../registry-http/step-failure';
import { createTransport, type TransportSettings } from '../registry-http/transport';
import type { EngineSecretItem, SecretItem } from './fleet-reads';
import type { PullSecretFacts } from './inventory';

const DAY_MS = 86_400_000;
const MAX_TOKEN_CHARS = 16_384;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** A JWT's `exp` (seconds), or null for anything that is not a JWT with one. */
export function jwtExpiry(token: string): Date | null {
  if (token.length > MAX_TOKEN_CHARS) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => part !== '' && BASE64URL.test(part))) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? new Date(claims.exp * 1000) : null;
  } catch {
    return null;
  }
}

export function expiryState(at: Date | null, now: Date, windowDays: number): ExpiryState {
  if (!at) return 'unknown';
  if (at.getTime() <= now.getTime()) return 'expired';
  return at.getTime() - now.getTime() <= windowDays * DAY_MS ? 'soon' : 'valid';
}

/** The registry host of an `auths` key, as kubelet's keyring reads it, named as the report's cells name it. */
export const hostOfKey = (key: string): string => registryOfKey(keyringKey(key) ?? key);

function isEcr(host: string): boolean {
  const parsed = parseRegistryUrl(host);
  return typeof parsed !== 'string' && parseEcrHost({ ...parsed, scheme: null }) !== null;
}

/** Rows for the logins in one context's pull secrets: only where an expiry exists or is expected. */
export function secretExpiries(context: string, facts: PullSecretFacts[], now: Date, windowDays: number): ExpiryRow[] {
  const rows: ExpiryRow[] = [];
  for (const { item, reading } of facts) {
    if (reading.state !== 'usable') continue;
    for (const entry of reading.entries) {
      const base = { registry: hostOfKey(entry.key), username: entry.username, context, namespace: item.namespace, secret: item.name };
      const jwt = jwtExpiry(entry.password);
      if (jwt) rows.push({ ...base, what: 'jwt', expiresAt: jwt.toISOString(), state: expiryState(jwt, now, windowDays), source: 'jwt-exp' });
      else if (isEcr(base.registry)) {
        const marked = Date.parse(item.annotations[EXPIRES_AT_ANNOTATION] ?? '');
        const { at, source } = Number.isFinite(marked) ? { at: new Date(marked), source: 'annotation' } : engineEcrExpiry(item);
        rows.push({ ...base, what: 'ecr-token', expiresAt: at?.toISOString() ?? null, state: expiryState(at, now, windowDays), source });
      }
    }
  }
  return rows;
}

/** An ECR authorization token's life (AWS: 12 hours from GetAuthorizationToken). */
const ECR_TOKEN_MS = 12 * 3_600_000;
const ECR_GENERATOR = 'ECRAuthorizationToken';
const GO_DURATION_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A Go duration (`1h`, `12h0m0s`, `90m`, `0`) in ms, or null when it is not one. */
export function goDurationMs(value: string): number | null {
  if (value === '0') return 0;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g)];
  if (value.length > 64 || parts.length === 0 || parts.map((part) => part[0]).join('') !== value) return null;
  return parts.reduce((sum, part) => sum + Number(part[1]) * GO_DURATION_UNIT_MS[part[2]!]!, 0);
}

/**
 * Whether the ExternalSecret replaces the token before it ends: refreshed periodically at most
 * every 12 h (ESO's default interval is 1h; `0` or a non-periodic policy never refreshes).
 */
function refreshesInTime(engine: EngineSecretItem): boolean {
  if (engine.refreshPolicy !== null && engine.refreshPolicy !== 'Periodic') return false;
  const interval = goDurationMs(engine.refreshInterval ?? '1h');
  return interval !== null && interval > 0 && interval <= ECR_TOKEN_MS;
}

/**
 * An ECR token's end from External Secrets Operator: the `expires_at` its ECR generator writes
 * (AWS's own ExpiresAt, Unix seconds) where the secret's template kept it; else the ExternalSecret's
 * last refresh (`status.refreshTime`: ESO stamps the start of the reconcile that ran the generator
 * and wrote the secret, so the end is at most that reconcile's length early, never late) + 12 h. An
 * ExternalSecret that does not refresh within 12 h will serve an expired token: its source says so.
 */
function engineEcrExpiry(item: SecretItem): { at: Date | null; source: string } {
  const engine = item.engine;
  const fromEngine = engine?.generators.includes(ECR_GENERATOR) === true;
  if (item.expiresAtData !== undefined && (fromEngine || item.owners.some((owner) => owner.kind === 'ExternalSecret'))) {
    const seconds = Number(Buffer.from(item.expiresAtData, 'base64').toString('utf8'));
    if (Number.isSafeInteger(seconds) && seconds > 0) return { at: new Date(seconds * 1000), source: 'engine-data' };
  }
  if (!engine && item.engineUnread) return { at: null, source: 'engine-unread' };
  if (!engine || !fromEngine) return { at: null, source: 'unknown' };
  const refreshed = Date.parse(engine.refreshTime ?? '');
  if (!Number.isFinite(refreshed)) return { at: null, source: 'engine-not-synced' };
  return { at: new Date(refreshed + ECR_TOKEN_MS), source: refreshesInTime(engine) ? 'engine-refresh' : 'engine-refresh-slow' };
}

/** The keychain reads the saved logins' rows need: a registry's saved password and its cached token. */
export interface SavedSecretReader {
  readPassword(id: RegistryRecord['id']): Promise<string | null>;
  readToken(id: RegistryRecord['id']): Promise<string | null>;
  /** A Google registry's service-account key (JSON); absent: Google keys get no row. */
  readServiceAccountJson?(id: RegistryRecord['id']): Promise<string | null>;
}

/**
 * Google's token endpoint's answer to a saved key: accepted, refused (deleted, disabled or malformed:
 * it stops every pull at once), or no answer. A key file names no end (IAM keeps validBeforeTime,
 * which only IAM's API reads), so an accepted key's end is unknown rather than guessed.
 */
export type GoogleKeyAnswer = 'accepted' | 'refused' | 'unchecked';
export type GoogleKeyCheck = (record: RegistryRecord, serviceAccountJson: string) => Promise<GoogleKeyAnswer>;

/** The connection test's own key check (the JWT-bearer grant), over the given transport settings. */
async function askGoogle(serviceAccountJson: string, keyFrom: 'saved' | 'cluster', settings: TransportSettings, network: ConnectionNetwork): Promise<GoogleKeyAnswer> {
  const timeoutMs = network.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport(settings, network);
  try {
    await checkGoogleKey(serviceAccountJson, { keyFrom, transport, cancel: new AbortController().signal, deadline: AbortSignal.timeout(timeoutMs), timeoutMs });
    return 'accepted';
  } catch (error) {
    const code = error instanceof StepFailure ? error.failure.appError.code : null;
    return code === 'google.keyRejected' || code === 'google.keyUnusable' ? 'refused' : 'unchecked';
  } finally {
    await transport.close();
  }
}

/** A saved key, asked at its `token_uri` over the registry's transport. */
export function googleKeyChecker(network: ConnectionNetwork): GoogleKeyCheck {
  return (record, serviceAccountJson) => askGoogle(serviceAccountJson, 'saved', { mode: record.connection ?? 'secure', caCertificates: record.caCertificate }, network);
}

/** A key read from a cluster, asked of Google's own endpoint only (see checkGoogleKey's `keyFrom`). */
export const clusterGoogleKeyChecker =
  (network: ConnectionNetwork) =>
  (serviceAccountJson: string): Promise<GoogleKeyAnswer> =>
    askGoogle(serviceAccountJson, 'cluster', { mode: 'secure' }, network);

const GOOGLE_TYPES: ReadonlySet<RegistryRecord['type']> = new Set(['artifact-registry', 'gcr']);
export const GOOGLE_SOURCE = { accepted: 'google-key-accepted', refused: 'google-key-refused', unchecked: 'google-key-unchecked' } as const;

/** The key's service account, shown as its user: an address, never the key. */
export function clientEmail(serviceAccountJson: string): string | null {
  if (serviceAccountJson.length > MAX_TOKEN_CHARS) return null;
  try {
    const email = (JSON.parse(serviceAccountJson) as { client_email?: unknown }).client_email;
    return typeof email === 'string' && email.length <= 320 ? email : null;
  } catch {
    return null;
  }
}

/** Only the end of the credential helper's cached token (fresh-token.ts writes it); its password is never kept. */
const CachedTokenEndSchema = z.object({ stamp: z.string(), expiresAt: z.string() });

function cachedTokenEnd(text: string | null, stamp: string): Date | null {
  if (text === null || text.length > MAX_TOKEN_CHARS) return null;
  try {
    const parsed = CachedTokenEndSchema.safeParse(JSON.parse(text));
    // A token minted before the registry's keys changed is not this login's: the helper mints anew.
    if (!parsed.success || parsed.data.stamp !== stamp) return null;
    const at = Date.parse(parsed.data.expiresAt);
    return Number.isFinite(at) ? new Date(at) : null;
  } catch {
    return null;
  }
}

/** A keychain that refuses one read leaves that login undated; the scan goes on. */
export async function readOrNull(read: () => Promise<string | null>): Promise<string | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

/** The earliest notAfter of an uploaded CA bundle: the first certificate to end breaks the chain it anchors. */
function caCertificateEnd(pem: string, now: Date): Date | null {
  const inspection = inspectCertificates(pem, now);
  if (!inspection.ok || inspection.certificates.length === 0) return null;
  return new Date(Math.min(...inspection.certificates.map((certificate) => Date.parse(certificate.validTo))));
}

/**
 * Rows for Registry Desk's own saved registries: where a date is known, and an "unknown" row for an
 * ECR registry whose token end is not cached (it is expected to end; other passwords without a
 * date are not expected to, so they get no row rather than a guess).
 */
export async function savedLoginExpiries(records: RegistryRecord[], secrets: SavedSecretReader | undefined, now: Date, windowDays: number, checkKey?: GoogleKeyCheck): Promise<ExpiryRow[]> {
  const rows: ExpiryRow[] = [];
  for (const record of records) {
    const base = { registry: hostOfKey(record.url), username: record.username ?? null, context: null, namespace: null, secret: null, savedAs: record.name };
    const ca = record.caCertificate ? caCertificateEnd(record.caCertificate, now) : null;
    if (ca) rows.push({ ...base, username: null, what: 'ca-certificate', expiresAt: ca.toISOString(), state: expiryState(ca, now, windowDays), source: 'certificate' });
    if (!secrets) continue;
    if (record.type === 'ecr') {
      const at = cachedTokenEnd(await readOrNull(() => secrets.readToken(record.id)), record.updatedAt);
      rows.push({ ...base, username: 'AWS', what: 'ecr-token', expiresAt: at?.toISOString() ?? null, state: expiryState(at, now, windowDays), source: at ? 'token-cache' : 'no-token-cached' });
    } else if (GOOGLE_TYPES.has(record.type) && record.secrets.includes('serviceAccountJson')) {
      const readKey = secrets.readServiceAccountJson?.bind(secrets);
      const json = readKey && checkKey ? await readOrNull(() => readKey(record.id)) : null;
      if (json === null || !checkKey) continue;
      const answer = await checkKey(record, json);
      // A refused key already stops every pull: it is as good as expired, whenever that happened.
      rows.push({ ...base, username: clientEmail(json), what: 'google-key', expiresAt: null, state: answer === 'refused' ? 'expired' : 'unknown', source: GOOGLE_SOURCE[answer] });
    } else if (record.secrets.includes('password')) {
      const password = await readOrNull(() => secrets.readPassword(record.id));
      const at = password === null ? null : jwtExpiry(password);
      if (at) rows.push({ ...base, what: 'jwt', expiresAt: at.toISOString(), state: expiryState(at, now, windowDays), source: 'saved-password' });
    }
  }
  return rows;
}
