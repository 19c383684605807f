// Secret validation of pkg/apis/core/validation (ValidateSecret, ValidateSecretUpdate).
import type { Json } from './patch';
import { type FieldError, forbiddenValue, invalidValue, requiredValue, tooLong } from './status';

type Secret = { metadata: { annotations?: Record<string, string> }; data?: Record<string, string>; type?: string; immutable?: boolean };

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const MAX_SECRET_BYTES = 1024 * 1024;

function keyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length > 253) problems.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) problems.push(CONFIG_KEY_MESSAGE);
  if (key === '.') problems.push("must not be '.'");
  else if (key === '..') problems.push("must not be '..'");
  else if (key.startsWith('..')) problems.push("must not start with '..'");
  return problems;
}

/** Go's json.Unmarshal into map[string]interface{}: objects and null pass, anything else fails. */
function jsonObjectProblem(bytes: string): string | undefined {
  const text = Buffer.from(bytes, 'base64').toString('utf8');
  const trimmed = text.trim();
  if (trimmed === '') return 'unexpected end of JSON input';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return /^[[{"\-0-9tfn]/.test(trimmed) ? 'unexpected end of JSON input' : `invalid character '${trimmed[0]}' looking for beginning of value`;
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return undefined;
  const kind = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

function requiredKeys(secret: Secret, data: Record<string, string>): FieldError[] {
  const has = (key: string): boolean => Object.hasOwn(data, key);
  switch (secret.type) {
    case 'kubernetes.io/dockerconfigjson':
    case 'kubernetes.io/dockercfg': {
      const key = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) return [requiredValue(`data[${key}]`)];
      const problem = jsonObjectProblem(data[key]!);
      return problem ? [invalidValue(`data[${key}]`, '<secret contents redacted>', problem)] : [];
    }
    case 'kubernetes.io/basic-auth':
      return has('username') || has('password') ? [] : [requiredValue('data[username]'), requiredValue('data[password]')];
    case 'kubernetes.io/ssh-auth':
      return has('ssh-privatekey') ? [] : [requiredValue('data[ssh-privatekey]')];
    case 'kubernetes.io/tls':
      return [...(has('tls.key') ? [] : [requiredValue('data[tls.key]')]), ...(has('tls.crt') ? [] : [requiredValue('data[tls.crt]')])];
    case 'kubernetes.io/service-account-token':
      return secret.metadata.annotations?.['kubernetes.io/service-account.name'] ? [] : [requiredValue('metadata.annotations[kubernetes.io/service-account.name]')];
    default:
      return [];
  }
}

export function secretProblems(object: Record<string, Json>): FieldError[] {
  const secret = object as unknown as Secret;
  const data = secret.data ?? {};
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const problem of keyProblems(key)) errors.push(invalidValue(`data[${key}]`, key, problem));
    size += Buffer.byteLength(value, 'base64');
  }
  if (size > MAX_SECRET_BYTES) errors.push(tooLong('data', MAX_SECRET_BYTES));
  return [...errors, ...requiredKeys(secret, data)];
}

export function secretUpdateProblems(old: Record<string, Json>, next: Record<string, Json>): FieldError[] {
  const before = old as unknown as Secret;
  const after = next as unknown as Secret;
  const errors: FieldError[] = [];
  if ((before.type ?? 'Opaque') !== (after.type ?? 'Opaque')) errors.push(invalidValue('type', after.type ?? '', 'field is immutable'));
  if (before.immutable) {
    if (!after.immutable) errors.push(forbiddenValue('immutable', 'field is immutable when `immutable` is set'));
    if (JSON.stringify(before.data ?? {}) !== JSON.stringify(after.data ?? {})) errors.push(forbiddenValue('data', 'field is immutable when `immutable` is set'));
  }
  return errors;
}
