// The slices of Go's net/url, net and path/filepath that kubelet's keyring depends on, with the
// same acceptance: a key Go cannot parse is skipped, a bad glob never matches.

export interface GoUrl {
  /** host[:port] as written (Go keeps its case). */
  host: string;
  /** Unescaped, possibly empty. */
  path: string;
}

/** Characters Go's url.Parse accepts in a host besides letters and digits (shouldEscape, encodeHost). */
const HOST_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"\u0080-\uffff]$/u;

function validOptionalPort(port: string): boolean {
  return port === '' || /^:\d*$/.test(port);
}

function validHost(host: string): boolean {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close === -1 || !validOptionalPort(host.slice(close + 1))) return false;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && !validOptionalPort(host.slice(colon))) return false;
  }
  return [...host].every((character) => HOST_CHARACTER.test(character));
}

function unescapePath(path: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return null;
  const bytes = path.split(/(%[0-9A-Fa-f]{2})/).map((part) => (/^%[0-9A-Fa-f]{2}$/.test(part) ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8')));
  return Buffer.concat(bytes).toString('utf8');
}

/** url.Parse for an absolute http(s) URL: null where Go returns an error. */
export function parseGoUrl(value: string): GoUrl | null {
  // Go refuses ASCII control characters anywhere in a URL.
  if ([...value].some((character) => character < ' ' || character === '\u007f')) return null;
  const rest = value.replace(/^https?:\/\//, '');
  const withoutQuery = rest.split(/[?#]/, 1)[0]!;
  const slash = withoutQuery.indexOf('/');
  const authority = slash === -1 ? withoutQuery : withoutQuery.slice(0, slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (!validHost(host)) return null;
  const path = unescapePath(slash === -1 ? '' : withoutQuery.slice(slash));
  return path === null ? null : { host, path };
}

/** net.SplitHostPort, falling back to the whole host and no port where Go returns an error (kubelet's SplitURL). */
export function splitHostPort(host: string): [string, string] {
  if (host.startsWith('[')) {
    const match = /^\[([^\]]*)\]:([^:]*)$/.exec(host);
    return match ? [match[1]!, match[2]!] : [host, ''];
  }
  const colon = host.lastIndexOf(':');
  if (colon === -1 || host.indexOf(':') !== colon) return [host, ''];
  return [host.slice(0, colon), host.slice(colon + 1)];
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const escapeInClass = (text: string): string => text.replace(/[\\^\]-]/g, '\\$&');

/** One `[...]` class of a filepath.Match pattern from `start` (just after `[`): its regex and where it ends, or null if malformed. */
function globClass(pattern: string, start: number): { regex: string; end: number } | null {
  let index = start;
  const negate = pattern[index] === '^';
  if (negate) index += 1;
  const ranges: string[] = [];
  const character = (): string | null => {
    let value = pattern[index];
    if (value === undefined || value === '-' || value === ']') return null;
    if (value === '\\') {
      index += 1;
      value = pattern[index];
      if (value === undefined) return null;
    }
    index += 1;
    return value;
  };
  while (pattern[index] !== ']' || ranges.length === 0) {
    const low = character();
    if (low === null) return null;
    let high = low;
    if (pattern[index] === '-') {
      index += 1;
      const upper = character();
      if (upper === null) return null;
      high = upper;
    }
    // A range whose ends are out of order matches nothing in Go, and is a syntax error in a RegExp.
    ranges.push(low <= high ? `${escapeInClass(low)}-${escapeInClass(high)}` : '');
  }
  const body = ranges.join('');
  return { regex: negate ? `[^${body}]` : body === '' ? '(?!)' : `[${body}]`, end: index };
}

/** filepath.Match for one host label; a malformed pattern matches nothing (kubelet ignores the error). */
export function goGlobMatch(pattern: string, name: string): boolean {
  let regex = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index]!;
    if (character === '*') regex += '[^/]*';
    else if (character === '?') regex += '[^/]';
    else if (character === '[') {
      const range = globClass(pattern, index + 1);
      if (!range) return false;
      regex += range.regex;
      index = range.end;
    } else if (character === '\\') {
      index += 1;
      if (index >= pattern.length) return false;
      regex += escapeRegExp(pattern[index]!);
    } else regex += escapeRegExp(character);
  }
  return new RegExp(`^${regex}$`, 'su').test(name);
}
