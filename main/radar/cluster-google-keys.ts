// Google service-account keys held in clusters' pull secrets (`_json_key` logins), dated as the saved
// ones are (expiry.ts): a key file names no end (IAM keeps validBeforeTime, which only IAM's API
// reads), so the row says "unknown" unless Google's token endpoint refuses the key, which stops every
// pull at once. Each distinct key is asked once per scan, a few at a time, however many namespaces
// and clusters hold it, and only of Google's own endpoint (never the key's token_uri: anyone who may
// write a Secret could have made the key). Only the service account's address leaves here.
import type { ExpiryRow } from '../../shared/radar-contract';
import { GOOGLE_JSON_KEY_USERNAME } from '../../shared/registry-types';
import { runPool } from '../kube/work-pool';
import { clientEmail, GOOGLE_SOURCE, hostOfKey, type GoogleKeyAnswer } from './expiry';
import type { Inventory } from './inventory';

/** A key file is about 2.3 KiB; anything far larger is not one. */
const MAX_KEY_CHARS = 16_384;
/** Keys asked of Google at once. */
const CONCURRENCY = 4;

/** The key JSON of a `_json_key` login, or null when the password is not a service-account key. */
function serviceAccountKey(username: string, password: string): string | null {
  if (username !== GOOGLE_JSON_KEY_USERNAME || password.length > MAX_KEY_CHARS) return null;
  try {
    return (JSON.parse(password) as { type?: unknown } | null)?.type === 'service_account' ? password : null;
  } catch {
    return null;
  }
}

/** One row per pull secret entry holding a Google key, each distinct key checked once. */
export async function clusterGoogleKeyExpiries(read: { context: string; inventory: Inventory }[], check: (serviceAccountJson: string) => Promise<GoogleKeyAnswer>, signal?: AbortSignal): Promise<ExpiryRow[]> {
  const places: { key: string; row: Omit<ExpiryRow, 'state' | 'source'> }[] = [];
  for (const { context, inventory } of read) {
    for (const { item, reading } of inventory.pullSecrets) {
      if (reading.state !== 'usable') continue;
      for (const entry of reading.entries) {
        const key = serviceAccountKey(entry.username, entry.password);
        if (key === null) continue;
        places.push({ key, row: { what: 'google-key', registry: hostOfKey(entry.key), username: clientEmail(key), context, namespace: item.namespace, secret: item.name, expiresAt: null } });
      }
    }
  }
  const answers = new Map<string, GoogleKeyAnswer>();
  await runPool([...new Set(places.map((place) => place.key))], CONCURRENCY, async (key) => void answers.set(key, await check(key)), signal);
  return places.map(({ key, row }) => {
    const answer = answers.get(key) ?? 'unchecked';
    // A refused key already stops every pull: it is as good as expired, whenever that happened.
    return { ...row, state: answer === 'refused' ? 'expired' : 'unknown', source: GOOGLE_SOURCE[answer] };
  });
}
