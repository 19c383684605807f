/**
 * Google service-account JSON keys as operators actually have them: a file, a paste with any
 * whitespace, wrapped in the single quotes the product document tells them to add, or with
 * all whitespace stripped as it also tells them (which breaks the PEM armour of the key).
 * We normalise to compact JSON, the form registries expect as the `_json_key` password.
 */
export type ServiceAccountKeyProblem =
  | 'serviceAccountJson.required'
  | 'serviceAccountJson.tooLarge'
  | 'serviceAccountJson.notJson'
  | 'serviceAccountJson.notObject'
  | 'serviceAccountJson.notServiceAccount'
  | 'serviceAccountJson.userCredential'
  | 'serviceAccountJson.clientEmail'
  | 'serviceAccountJson.privateKey';

export interface NormalizedServiceAccountKey {
  compactJson: string;
  clientEmail: string;
  projectId: string | null;
}

export const SERVICE_ACCOUNT_KEY_MAX_LENGTH = 64 * 1024;

function stripWrappingQuotes(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).trim();
  return trimmed;
}

/** Raw line breaks inside JSON strings (a key pasted through an editor that expanded `\n`) are escaped back. */
function escapeRawLineBreaksInStrings(text: string): string {
  let out = '';
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString && !escaped && (ch === '\n' || ch === '\r')) {
      out += ch === '\n' ? '\\n' : '';
      continue;
    }
    if (ch === '"' && !escaped) inString = !inString;
    escaped = inString && ch === '\\' && !escaped;
    out += ch;
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(escapeRawLineBreaksInStrings(text));
  }
}

/** Undo "remove all whitespace" on the PEM armour lines: `-----BEGINPRIVATEKEY-----`. */
function repairPemArmour(privateKey: string): string {
  return privateKey.replace(/-----(BEGIN|END)(RSA)?PRIVATEKEY-----/g, (_m, edge: string, rsa?: string) =>
    `-----${edge} ${rsa ? 'RSA ' : ''}PRIVATE KEY-----`,
  );
}

export function normalizeServiceAccountKey(input: string): NormalizedServiceAccountKey | ServiceAccountKeyProblem {
  const text = stripWrappingQuotes(input);
  if (text === '') return 'serviceAccountJson.required';
  if (text.length > SERVICE_ACCOUNT_KEY_MAX_LENGTH) return 'serviceAccountJson.tooLarge';
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch {
    return 'serviceAccountJson.notJson';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'serviceAccountJson.notObject';
  const key = parsed as Record<string, unknown>;
  if (key.type === 'authorized_user') return 'serviceAccountJson.userCredential';
  if (key.type !== 'service_account') return 'serviceAccountJson.notServiceAccount';
  if (typeof key.client_email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(key.client_email)) {
    return 'serviceAccountJson.clientEmail';
  }
  if (typeof key.private_key !== 'string') return 'serviceAccountJson.privateKey';
  const privateKey = repairPemArmour(key.private_key);
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/.test(privateKey)) {
    return 'serviceAccountJson.privateKey';
  }
  return {
    compactJson: JSON.stringify({ ...key, private_key: privateKey }),
    clientEmail: key.client_email,
    projectId: typeof key.project_id === 'string' ? key.project_id : null,
  };
}
