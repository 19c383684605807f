/** One challenge of a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"`. */
export interface AuthChallenge {
  /** Lower-cased: `basic`, `bearer`, … */
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

function skipSpaceAndCommas(text: string, at: number): number {
  let index = at;
  while (index < text.length && /[\s,]/.test(text[index]!)) index += 1;
  return index;
}

function readQuoted(text: string, at: number): { value: string; next: number } {
  let value = '';
  let index = at + 1;
  while (index < text.length && text[index] !== '"') {
    if (text[index] === '\\' && index + 1 < text.length) index += 1;
    value += text[index];
    index += 1;
  }
  return { value, next: index + 1 };
}

/** `name=value` at `at`, or null when what follows is the next challenge's scheme. */
function readParam(text: string, at: number): { name: string; value: string; next: number } | null {
  const name = TOKEN.exec(text.slice(at))?.[0];
  if (!name) return null;
  let index = at + name.length;
  while (text[index] === ' ') index += 1;
  if (text[index] !== '=') return null;
  index += 1;
  while (text[index] === ' ') index += 1;
  if (text[index] === '"') {
    const quoted = readQuoted(text, index);
    return { name: name.toLowerCase(), value: quoted.value, next: quoted.next };
  }
  const value = /^[^,\s]*/.exec(text.slice(index))![0];
  return { name: name.toLowerCase(), value, next: index + value.length };
}

/**
 * Parses RFC 7235 challenges. Quoted values may hold commas (`scope="repository:a:pull,push"`)
 * and escaped quotes; several challenges may share one header.
 */
export function parseWwwAuthenticate(header: string | null): AuthChallenge[] {
  const text = header ?? '';
  const challenges: AuthChallenge[] = [];
  let index = skipSpaceAndCommas(text, 0);
  while (index < text.length) {
    const scheme = TOKEN.exec(text.slice(index))?.[0];
    if (!scheme) break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    index = skipSpaceAndCommas(text, index + scheme.length);
    for (let param = readParam(text, index); param; param = readParam(text, index)) {
      challenge.params[param.name] = param.value;
      index = skipSpaceAndCommas(text, param.next);
    }
  }
  return challenges;
}
