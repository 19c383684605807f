// An image's config blob, read by digest: what the registry browser shows of an image (platform,
// creation time) and what the fleet radar needs of a single-platform image (its platform, which
// only the config names). Lives below both so neither feature owns it.
import { createHash } from 'node:crypto';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistryReader } from './registry-reader';

/** An image config is small; its history makes the biggest ones a few hundred KiB. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** The digest a pull verifies content against. */
export const contentDigest = (body: string) => `sha256:${createHash('sha256').update(body, 'utf8').digest('hex')}`;
/** The token scope every manifest and blob read of a repository needs. */
export const pullScope = (repository: string) => `repository:${repository}:pull`;

/** An image config blob by digest, checked against it; redirects to storage carry no login. */
export async function readConfig(reader: RegistryReader, endpoint: URL, repository: string, digest: string): Promise<unknown> {
  const url = new URL(`${repository}/blobs/${digest}`, endpoint);
  const answer = await reader.read({ url, scope: pullScope(repository), maxBody: MAX_CONFIG_BYTES });
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  if (contentDigest(answer.body) !== digest) throw new AppFailure('browse.digestMismatch', { url: url.pathname, expected: digest, actual: contentDigest(answer.body) });
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new AppFailure('browse.badAnswer', { url: url.pathname });
  }
}

/** `os/architecture[/variant]` as an index descriptor or an image config names it; null when it does not. */
export function platformName(value: { os?: unknown; architecture?: unknown; variant?: unknown } | undefined | null): string | null {
  if (typeof value?.os !== 'string' || typeof value.architecture !== 'string') return null;
  return [value.os, value.architecture, typeof value.variant === 'string' ? value.variant : ''].filter(Boolean).join('/');
}
