import type { SyncIdentity } from '../../shared/access-settings';

/**
 * How long the credential of each source stays valid, in minutes: an ECR authorization token
 * 12 h, a Google OAuth access token 1 h, an ACR refresh token 3 h. null: a password the app
 * writes does not expire.
 */
const LIFETIME_MINUTES: Record<SyncIdentity['kind'], number | null> = {
  'source-secret': null,
  controller: 12 * 60,
  irsa: 12 * 60,
  'access-keys': 12 * 60,
  'gcp-workload-identity': 60,
  'azure-workload-identity': 3 * 60,
};

/** For a password that does not expire, the refresh only says how soon a changed one reaches the copies. */
const LONGEST_MINUTES = 60;

const goDuration = (minutes: number): string => (minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`);

/**
 * External Secrets' refresh intervals for a source and for its copies. A copy can hold a token as
 * old as both intervals together (it may read the source just before the source renews), so
 * each is a quarter of the token's lifetime, at most an hour: the worst case stays within half
 * the lifetime — ECR 1 h + 1 h of 12 h, Google 15 + 15 min of 1 h (ESO's own GCR example
 * refreshes every 30 min), ACR 45 + 45 min of 3 h.
 */
export function esoRefresh(identity: SyncIdentity['kind']): { source: string; copy: string } {
  const lifetime = LIFETIME_MINUTES[identity];
  const interval = goDuration(lifetime === null ? LONGEST_MINUTES : Math.min(LONGEST_MINUTES, lifetime / 4));
  return { source: interval, copy: interval };
}
