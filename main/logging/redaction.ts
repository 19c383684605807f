/**
 * Keeps secrets out of everything the app writes for humans (log files, the diagnostics report).
 * Two layers: the exact values of secrets this process has handled (registered as they pass the
 * keychain), and patterns for secrets it never saw (headers, tokens, keys, password fields).
 */
export interface Redactor {
  /** Registers a secret value; from now on it never appears in redacted text. */
  remember(secret: string): void;
  redact(text: string): string;
}

export const REDACTED = '[redacted]';

// Shorter values are only replaced as whole tokens: a 3-letter password must not blank every
// word that happens to contain those letters.
const SUBSTRING_MIN_LENGTH = 8;

const SECRET_KEYS =
  'password|passwd|secret|secretAccessKey|secret_access_key|aws_secret_access_key|token|accessToken|access_token|refresh_token|id_token|client_secret|private_key|privateKey|serviceAccountJson|apiKey|api_key|auth';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A value as it appears once and twice JSON-escaped, the ways a log line can quote it. */
function spellings(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([secret, once, twice])];
}

const PATTERNS: readonly [RegExp, string | ((...groups: string[]) => string)][] = [
  // PEM private keys, also cut off before their END line.
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(?:(?!-----END)[\s\S])*(?:-----END [A-Z0-9 ]*PRIVATE KEY-----)?/g, `-----BEGIN $1PRIVATE KEY-----${REDACTED}`],
  // "password": "…" at the top level of a JSON line and inside a JSON string within it.
  [new RegExp(`"(${SECRET_KEYS})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `"$1"$2"${REDACTED}"`],
  [new RegExp(`\\\\"(${SECRET_KEYS})\\\\"(\\s*:\\s*)\\\\"(?:(?!\\\\").)*\\\\"`, 'gi'), `\\"$1\\"$2\\"${REDACTED}\\"`],
  // Authorization headers, whatever their scheme.
  [/\b((?:proxy-)?authorization\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n]+/gi, `$1${REDACTED}`],
  // Bearer / Basic credentials outside a header (a token in a message, a curl line).
  [
    /\b(Bearer|Basic)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)/g,
    (whole, scheme, space, token) => (/[A-Z0-9+/=._-]/.test(token) ? `${scheme}${space}${REDACTED}` : whole),
  ],
  // key=value in query strings and form bodies.
  [new RegExp(`\\b(${SECRET_KEYS})=[^&\\s"\\\\]+`, 'gi'), `$1=${REDACTED}`],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/"\\]+:)[^\s@/"\\]+@/gi, `$1${REDACTED}@`],
  // AWS secret access keys: 40 base64 characters with both letter cases (SHA-1 hex has one).
  [
    /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    (candidate) => (/[A-Z]/.test(candidate) && /[a-z]/.test(candidate) ? REDACTED : candidate),
  ],
];

export function createRedactor(): Redactor {
  const known = new Set<string>();
  let wholeTokens: RegExp | null = null;

  function remember(secret: string): void {
    if (secret.length === 0) return;
    for (const spelling of spellings(secret)) known.add(spelling);
    const short = [...known].filter((value) => value.length < SUBSTRING_MIN_LENGTH);
    wholeTokens = short.length > 0 ? new RegExp(`(?<![A-Za-z0-9])(?:${short.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'g') : null;
  }

  function redactKnown(text: string): string {
    // Longest first, so a secret that contains another is removed whole.
    const long = [...known].filter((value) => value.length >= SUBSTRING_MIN_LENGTH).sort((a, b) => b.length - a.length);
    let result = text;
    for (const value of long) result = result.split(value).join(REDACTED);
    return wholeTokens ? result.replace(wholeTokens, REDACTED) : result;
  }

  function redact(text: string): string {
    let result = redactKnown(text);
    for (const [pattern, replacement] of PATTERNS) {
      result = result.replace(pattern, replacement as string);
    }
    return result;
  }

  return { remember, redact };
}
