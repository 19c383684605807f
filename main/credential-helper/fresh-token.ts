import { z } from 'zod';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';

/** A token is renewed when less than this remains, so a pull or push that starts with it can finish. */
export const RENEW_BEFORE_MS = 15 * 60_000;

export interface MintedToken {
  username: string;
  password: string;
  expiresAt: string;
}

/** `stamp` is the registry's `updatedAt`: a token minted before the registry's keys changed is never reused. */
const CachedTokenSchema = z.object({ stamp: z.string(), username: z.string(), password: z.string(), expiresAt: z.string() });

/** Where one registry's last token is kept between runs of the helper (the keychain). */
export interface TokenCache {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

function cachedToken(text: string | null): z.infer<typeof CachedTokenSchema> | null {
  if (text === null) return null;
  try {
    const parsed = CachedTokenSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The cached token while at least RENEW_BEFORE_MS of it remains, else a new one, cached. A failed
 * renewal is the answer (never the old token), and a token that is already expired is never returned.
 */
export async function freshToken(server: string, stamp: string, cache: TokenCache, mint: () => Promise<MintedToken>, clock: Clock): Promise<MintedToken> {
  const cached = cachedToken(await cache.read());
  if (cached?.stamp === stamp && Date.parse(cached.expiresAt) - clock.now().getTime() >= RENEW_BEFORE_MS) {
    return { username: cached.username, password: cached.password, expiresAt: cached.expiresAt };
  }
  const minted = await mint();
  if (!(Date.parse(minted.expiresAt) > clock.now().getTime())) throw new AppFailure('helper.expiredToken', { server, expiresAt: minted.expiresAt });
  await cache.write(JSON.stringify({ stamp, ...minted }));
  return minted;
}
