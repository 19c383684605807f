import type { FieldError } from './errors';
import type { ErrorCode } from './i18n/en';
import { parseEcrHost, parseRegistryUrl, type EcrRegistryAddress } from './registry-url';
import type { RegistryInput, StoredSecrets } from './schemas';
import { normalizeServiceAccountKey, type NormalizedServiceAccountKey } from './service-account-key';

/** The input after every rule passed: trimmed, URL normalised, JSON key compacted. */
export interface CheckedRegistryInput {
  input: RegistryInput;
  url: string;
  ecr: EcrRegistryAddress | null;
  serviceAccountKey: NormalizedServiceAccountKey | null;
}

type Problems = FieldError[];
const problem = (field: string, code: ErrorCode, params?: FieldError['params']): FieldError =>
  params ? { field, code, params } : { field, code };

const CONTROL = /\p{Cc}/u;
const NAME_MAX = 64;

function checkName(name: string, problems: Problems): void {
  const trimmed = name.trim();
  if (trimmed === '') problems.push(problem('name', 'name.required'));
  else if (trimmed.length > NAME_MAX) problems.push(problem('name', 'name.tooLong', { max: NAME_MAX }));
  else if (CONTROL.test(trimmed)) problems.push(problem('name', 'name.controlCharacters'));
}

function checkUsername(username: string, problems: Problems): void {
  if (username.trim() === '') problems.push(problem('username', 'username.required'));
  else if (/\s/.test(username)) problems.push(problem('username', 'username.whitespace'));
  else if (username.includes(':')) problems.push(problem('username', 'username.colon'));
  else if (CONTROL.test(username)) problems.push(problem('username', 'username.controlCharacters'));
}

/** A secret is required unless the keychain already holds one (blank on edit means keep). */
function checkSecret(field: 'password' | 'secretAccessKey', value: string | undefined, stored: boolean, problems: Problems): void {
  if (value === undefined || value === '') {
    if (!stored) problems.push(problem(field, `${field}.required`));
    return;
  }
  if (value !== value.trim()) problems.push(problem(field, `${field}.surroundingWhitespace`));
  else if (CONTROL.test(value)) problems.push(problem(field, `${field}.controlCharacters`));
}

function checkEcr(input: Extract<RegistryInput, { type: 'ecr' }>, stored: StoredSecrets, problems: Problems): void {
  if (input.authType === 'iam-role') {
    if (input.accessKeyId?.trim()) problems.push(problem('accessKeyId', 'accessKeyId.notWithIamRole'));
    if (input.secretAccessKey) problems.push(problem('secretAccessKey', 'secretAccessKey.notWithIamRole'));
    return;
  }
  const keyId = input.accessKeyId?.trim() ?? '';
  if (keyId === '') problems.push(problem('accessKeyId', 'accessKeyId.required'));
  else if (!/^[A-Z0-9]{16,128}$/.test(keyId)) problems.push(problem('accessKeyId', 'accessKeyId.format'));
  checkSecret('secretAccessKey', input.secretAccessKey, stored.secretAccessKey, problems);
}

function checkServiceAccountKey(value: string | undefined, stored: boolean, problems: Problems): NormalizedServiceAccountKey | null {
  if (value === undefined || value.trim() === '') {
    if (!stored) problems.push(problem('serviceAccountJson', 'serviceAccountJson.required'));
    return null;
  }
  const key = normalizeServiceAccountKey(value);
  if (typeof key === 'string') {
    problems.push(problem('serviceAccountJson', key));
    return null;
  }
  return key;
}

function checkConnection(input: Extract<RegistryInput, { type: 'other' }>, problems: Problems): void {
  const hasCa = (input.caCertificate ?? '').trim() !== '';
  if (input.connection === 'secure-with-ca' && !hasCa) problems.push(problem('caCertificate', 'caCertificate.required'));
  if (input.connection !== 'secure-with-ca' && hasCa) problems.push(problem('caCertificate', 'caCertificate.notWithMode'));
}

function checkUrl(input: RegistryInput, problems: Problems): { url: string; ecr: EcrRegistryAddress | null } {
  const parsed = parseRegistryUrl(input.url);
  if (typeof parsed === 'string') {
    problems.push(problem('url', parsed));
    return { url: input.url, ecr: null };
  }
  if (parsed.scheme === 'http' && !(input.type === 'other' && input.connection === 'insecure')) {
    problems.push(problem('url', 'url.httpNeedsInsecure'));
  }
  if (input.type !== 'ecr') return { url: parsed.normalized, ecr: null };
  const ecr = parseEcrHost(parsed);
  if (!ecr) problems.push(problem('url', 'url.ecrFormat'));
  return { url: parsed.normalized, ecr };
}

/**
 * Every rule on one registry that needs no other registry and no OS service. Main runs it on
 * save; the renderer runs it while the user types, so both show the same messages.
 */
export function checkRegistryInput(
  input: RegistryInput,
  stored: StoredSecrets,
): { ok: true; value: CheckedRegistryInput } | { ok: false; errors: FieldError[] } {
  const problems: Problems = [];
  checkName(input.name, problems);
  const { url, ecr } = checkUrl(input, problems);
  let serviceAccountKey: NormalizedServiceAccountKey | null = null;
  switch (input.type) {
    case 'ecr':
      checkEcr(input, stored, problems);
      break;
    case 'artifact-registry':
    case 'gcr':
      checkUsername(input.username, problems);
      serviceAccountKey = checkServiceAccountKey(input.serviceAccountJson, stored.serviceAccountJson, problems);
      break;
    case 'other':
      checkConnection(input, problems);
      checkUsername(input.username, problems);
      checkSecret('password', input.password, stored.password, problems);
      break;
    default:
      checkUsername(input.username, problems);
      checkSecret('password', input.password, stored.password, problems);
  }
  if (problems.length > 0) return { ok: false, errors: problems };
  return { ok: true, value: { input, url, ecr, serviceAccountKey } };
}

export const NO_STORED_SECRETS: StoredSecrets = { password: false, secretAccessKey: false, serviceAccountJson: false };
