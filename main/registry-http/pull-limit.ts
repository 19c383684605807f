import type { PullAllowance } from '../../shared/registry-browser-contract';
import type { HttpAnswer } from './http-exchange';
import { MANIFEST_ACCEPT } from './manifest-check';
import type { RegistryReader } from './registry-reader';

/** Longer header values are not Docker's `<count>;w=<seconds>` and are not read at all. */
const MAX_HEADER_LENGTH = 64;
/** A count or window past this is not a real allowance (Docker's are hundreds of pulls over 6 h). */
const MAX_VALUE = 1_000_000_000;
const MAX_SOURCE_LENGTH = 200;

/** A run of 1 to 10 ASCII digits, read without a regex: the header is the registry's text. */
function digits(text: string): number | null {
  if (text.length === 0 || text.length > 10) return null;
  for (const char of text) if (char < '0' || char > '9') return null;
  const value = Number(text);
  return value <= MAX_VALUE ? value : null;
}

/** `100;w=21600` → count 100, window 21600 s; `100` alone has no window. Anything else is null. */
export function parseRateLimitValue(header: string | null): { count: number; windowSeconds: number | null } | null {
  if (header === null || header.length > MAX_HEADER_LENGTH) return null;
  const [count, ...parameters] = header.split(';').map((part) => part.trim());
  const value = digits(count ?? '');
  if (value === null) return null;
  let windowSeconds: number | null = null;
  for (const parameter of parameters) {
    if (!parameter.startsWith('w=')) continue;
    windowSeconds = digits(parameter.slice(2));
    if (windowSeconds === null || windowSeconds === 0) return null;
  }
  return { count: value, windowSeconds };
}

/** The allowance an answer reports; missing or malformed headers, or remaining above limit, are "not reported". */
export function pullAllowanceOf(answer: Pick<HttpAnswer, 'status' | 'headers'>): PullAllowance {
  const limit = parseRateLimitValue(answer.headers.get('ratelimit-limit'));
  const remaining = parseRateLimitValue(answer.headers.get('ratelimit-remaining'));
  if (!limit || !remaining || remaining.count > limit.count) return { state: 'not-reported', status: answer.status };
  const source = answer.headers.get('docker-ratelimit-source');
  return {
    state: 'reported',
    limit: limit.count,
    remaining: remaining.count,
    windowSeconds: limit.windowSeconds ?? remaining.windowSeconds,
    source: source && source.length <= MAX_SOURCE_LENGTH ? source : null,
  };
}

/**
 * HEADs one manifest and reads the allowance from its headers: Docker documents that a HEAD does
 * not count as a pull, so checking spends nothing. The reader's login (or none) is what is counted.
 */
export async function readPullAllowance(reader: RegistryReader, endpoint: URL, repository: string, reference: string): Promise<PullAllowance> {
  const url = new URL(`${repository}/manifests/${reference}`, endpoint);
  const answer = await reader.read({ url, scope: `repository:${repository}:pull`, method: 'HEAD', accept: MANIFEST_ACCEPT, maxBody: 0 });
  return pullAllowanceOf(answer);
}
