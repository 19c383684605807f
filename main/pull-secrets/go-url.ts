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

// path.Match / filepath.Match (Unix): the pattern is cut into chunks, each a run of single-rune
// operators after an optional star. A chunk after a star is tried at each later offset and the
// first fit is kept; chunks have a fixed length, so the first fit is never worse than a later one
// and no earlier choice is revisited: at most chunks × name length × chunk length steps.
// Matching runs on UTF-8 bytes, as Go does.

/** Go's ErrBadPattern. */
export const BAD_PATTERN = 'syntax error in pattern';

type GlobOperator =
  | { kind: 'byte'; value: number }
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; ranges: [low: number, high: number][] };

interface GlobChunk {
  star: boolean;
  operators: GlobOperator[];
}

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN_CLASS = 0x5b;
const CLOSE_CLASS = 0x5d;
const ESCAPE = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;
const SLASH = 0x2f;
const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRune on bytes that came from a JS string: only a start inside a rune is invalid. */
function decodeRune(bytes: Uint8Array, index: number): [rune: number, size: number] {
  const first = bytes[index]!;
  if (first < 0x80) return [first, 1];
  if (first < 0xc0) return [RUNE_ERROR, 1];
  const size = first < 0xe0 ? 2 : first < 0xf0 ? 3 : 4;
  let rune = first & (0xff >> (size + 1));
  for (let offset = 1; offset < size; offset += 1) rune = (rune << 6) | (bytes[index + offset]! & 0x3f);
  return [rune, size];
}

/** scanChunk: where the chunk starting at `start` ends (a star outside a class). */
function chunkEnd(pattern: Uint8Array, start: number): number {
  let inClass = false;
  for (let index = start; index < pattern.length; index += 1) {
    const byte = pattern[index];
    if (byte === ESCAPE) {
      if (index + 1 < pattern.length) index += 1;
    } else if (byte === OPEN_CLASS) inClass = true;
    else if (byte === CLOSE_CLASS) inClass = false;
    else if (byte === STAR && !inClass) return index;
  }
  return pattern.length;
}

/** getEsc: one possibly escaped class character before `end`, and where the class goes on; null for ErrBadPattern. */
function classCharacter(pattern: Uint8Array, index: number, end: number): [rune: number, next: number] | null {
  let at = index;
  if (at >= end || pattern[at] === DASH || pattern[at] === CLOSE_CLASS) return null;
  if (pattern[at] === ESCAPE && ++at >= end) return null;
  const [rune, size] = decodeRune(pattern, at);
  if (rune === RUNE_ERROR && size === 1) return null;
  return at + size < end ? [rune, at + size] : null;
}

/** A `[...]` class whose `[` is at `index`: the operator and where the chunk goes on; null for ErrBadPattern. */
function parseClass(pattern: Uint8Array, index: number, end: number): [GlobOperator, number] | null {
  let at = index + 1;
  const negated = at < end && pattern[at] === CARET;
  if (negated) at += 1;
  const ranges: [number, number][] = [];
  while (!(at < end && pattern[at] === CLOSE_CLASS && ranges.length > 0)) {
    const low = classCharacter(pattern, at, end);
    if (!low) return null;
    let high = low;
    if (pattern[low[1]] === DASH) {
      const upper = classCharacter(pattern, low[1] + 1, end);
      if (!upper) return null;
      high = upper;
    }
    ranges.push([low[0], high[0]]);
    at = high[1];
  }
  return [{ kind: 'class', negated, ranges }, at + 1];
}

/** The chunks of a pattern, or null where Go answers ErrBadPattern whatever the name. */
function parseGlob(pattern: Uint8Array): GlobChunk[] | null {
  const chunks: GlobChunk[] = [];
  let index = 0;
  while (index < pattern.length) {
    let star = false;
    for (; pattern[index] === STAR; index += 1) star = true;
    const end = chunkEnd(pattern, index);
    const operators: GlobOperator[] = [];
    while (index < end) {
      const byte = pattern[index]!;
      if (byte === OPEN_CLASS) {
        const parsed = parseClass(pattern, index, end);
        if (!parsed) return null;
        operators.push(parsed[0]);
        index = parsed[1];
      } else if (byte === QUESTION) {
        operators.push({ kind: 'any' });
        index += 1;
      } else if (byte === ESCAPE) {
        if (index + 1 >= end) return null;
        operators.push({ kind: 'byte', value: pattern[index + 1]! });
        index += 2;
      } else {
        operators.push({ kind: 'byte', value: byte });
        index += 1;
      }
    }
    chunks.push({ star, operators });
  }
  return chunks;
}

/** matchChunk: where the name goes on after the chunk matched its start at `at`, or -1. */
function matchChunk(operators: GlobOperator[], name: Uint8Array, at: number): number {
  let index = at;
  for (const operator of operators) {
    if (index >= name.length) return -1;
    if (operator.kind === 'byte') {
      if (name[index] !== operator.value) return -1;
      index += 1;
    } else if (operator.kind === 'any') {
      if (name[index] === SLASH) return -1;
      index += decodeRune(name, index)[1];
    } else {
      const [rune, size] = decodeRune(name, index);
      const inClass = operator.ranges.some(([low, high]) => low <= rune && rune <= high);
      if (inClass === operator.negated) return -1;
      index += size;
    }
  }
  return index;
}

/** Match over parsed chunks: each chunk at the first offset that fits, the last one flush with the end. */
function matchChunks(chunks: GlobChunk[], name: Uint8Array): boolean {
  let at = 0;
  for (const [position, chunk] of chunks.entries()) {
    const last = position === chunks.length - 1;
    if (chunk.star && chunk.operators.length === 0) return name.indexOf(SLASH, at) === -1;
    const fits = (end: number) => end !== -1 && (!last || end === name.length);
    let end = matchChunk(chunk.operators, name, at);
    for (let skip = at; !fits(end) && chunk.star && skip < name.length && name[skip] !== SLASH; skip += 1) {
      end = matchChunk(chunk.operators, name, skip + 1);
    }
    if (!fits(end)) return false;
    at = end;
  }
  return at === name.length;
}

/** path.Match: whether `name` matches, or BAD_PATTERN for a malformed pattern (whatever the name). */
export function goPathMatch(pattern: string, name: string): boolean | typeof BAD_PATTERN {
  const chunks = parseGlob(Buffer.from(pattern, 'utf8'));
  return chunks === null ? BAD_PATTERN : matchChunks(chunks, Buffer.from(name, 'utf8'));
}

/** filepath.Match for one host label as kubelet calls it: a malformed pattern matches nothing (the error is ignored). */
export function goGlobMatch(pattern: string, name: string): boolean {
  return goPathMatch(pattern, name) === true;
}
