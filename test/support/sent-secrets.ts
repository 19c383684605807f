import type { RecordedRequest } from '../kube-api-server';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** JSON-escaped as Go's json.Marshal writes it (kubectl's bytes): `<`, `>`, `&`, U+2028 and U+2029 as \uXXXX too. */
const goEscaped = (text: string) => JSON.stringify(text).slice(1, -1).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Every spelling in which a secret could travel: as is, JSON-escaped (Node's and Go's way), its
 * base64, and the base64 of `username:secret` (a dockerconfigjson's `auth`).
 */
export function secretSpellings(secret: string, username?: string): string[] {
  const spellings = [secret, JSON.stringify(secret).slice(1, -1), goEscaped(secret), base64(secret)];
  if (username !== undefined) spellings.push(base64(`${username}:${secret}`));
  return [...new Set(spellings)];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      stringsIn(item, into);
    }
  }
  return into;
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** What a request carries, where a secret could hide: the URL (decoded), the body, and every base64 string of a JSON body decoded (a Secret's `data`). */
function readableParts(request: RecordedRequest): string[] {
  let url = request.url;
  try {
    url = decodeURIComponent(request.url);
  } catch {
    // A malformed escape: the raw URL is searched as it is.
  }
  const decoded = stringsIn(parsed(request.body))
    .filter((text) => text.length % 4 === 0 && BASE64.test(text))
    .map((text) => Buffer.from(text, 'base64').toString('utf8'));
  return [request.url, url, request.body, ...decoded];
}

/** `METHOD path` of every request carrying any of the spellings (the secret itself is never part of the answer). */
export function requestsCarrying(requests: RecordedRequest[], spellings: string[]): string[] {
  return requests
    .filter((request) => readableParts(request).some((part) => spellings.some((spelling) => part.includes(spelling))))
    .map((request) => `${request.method} ${request.url.split('?')[0]}`);
}
