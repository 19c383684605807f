// Bearer tokens kept between manifest checks: the radar asks one repository with one login for
// many tags at once and scan after scan, and each 401 → token → HEAD would cost the token service a
// request. A token is offered only within its lifetime, measured on the app's clock; the tokens
// kept are bounded (rotated logins would otherwise leave their dead tokens for the session).
import { createHash } from 'node:crypto';
import type { BasicCredentials } from './basic-credentials';
import { createDigestCache } from './digest-cache';
import type { BearerGrant } from './token-service';

/** The distribution spec's lifetime of a token whose service does not say (`expires_in` absent). */
const DEFAULT_LIFETIME_S = 60;
/** Renewed this long before its end, so that a token does not die between being offered and read. */
const MARGIN_MS = 10_000;
/** Tokens kept at once: one per (registry, repository, login) a fleet asks, many times over. */
const MAX_KEPT_TOKENS = 10_000;

export type BearerTokens = ReturnType<typeof createBearerTokens>;

/** What a token was granted for: the registry, the repository (its `pull` scope) and the login, hashed. */
export function tokenKey(endpoint: URL, repository: string, credentials: BasicCredentials | null): string {
  return createHash('sha256')
    .update(JSON.stringify([endpoint.href, repository, credentials?.username ?? null, credentials?.password ?? null]))
    .digest('hex');
}

export function createBearerTokens(now: () => number, maxKept = MAX_KEPT_TOKENS) {
  const kept = createDigestCache<{ token: Promise<string>; until: number }>(maxKept);
  const live = (key: string) => {
    const entry = kept.get(key);
    if (entry && now() < entry.until) return entry;
    kept.delete(key);
    return undefined;
  };
  return {
    /** A token within its lifetime (or one being fetched) for this key. */
    valid: (key: string): Promise<string> | undefined => live(key)?.token,
    /** The kept token, or one fetched once however many checks ask for it at the same time; a refusal is not kept. */
    grant(key: string, fetch: () => Promise<BearerGrant>): Promise<string> {
      const current = live(key);
      if (current) return current.token;
      const entry = { token: Promise.resolve(''), until: Number.POSITIVE_INFINITY };
      entry.token = fetch().then(
        (grant) => {
          const lifetimeMs = (grant.expiresInSeconds ?? DEFAULT_LIFETIME_S) * 1000;
          entry.until = now() + Math.max(0, lifetimeMs - Math.min(MARGIN_MS, lifetimeMs / 2));
          return grant.token;
        },
        (error: unknown) => {
          if (kept.get(key) === entry) kept.delete(key);
          throw error;
        },
      );
      kept.set(key, entry);
      return entry.token;
    },
    /** The registry refused a kept token (revoked early): the next check fetches a new one. */
    drop: (key: string): void => void kept.delete(key),
  };
}
