import type { AppError } from '../../shared/errors';
import type { ImportOrigin, SkipReason } from '../../shared/import-export-contract';
import { AppFailure } from '../app-errors/app-failure';
import { HELPER_NAME } from './credential-helper';
import { dockerAuthKey, dockerSourceFor } from './docker-choice';
import { isDockerHubTokenKey, type FoundLogin } from './found-login';
import { isPlainObject, parseJsonText } from '../app-errors/json-text';

/** A docker `config.json` or a containers `auth.json` (the same `auths` map, maybe helpers too). */
export interface AuthFile {
  logins: FoundLogin[];
  /** Entries whose credentials live in a helper (`{}` placeholders), with the helper named for their host. */
  placeholders: { serverKey: string; helper: string }[];
  credsStore?: string;
  /** Keyed as the file spells them: docker matches a registry's key exactly (see dockerAuthKey). */
  credHelpers: Record<string, string>;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `auth` is base64 of `user:password` (padded or not, as kubelet reads it); anything else is refused. */
export function decodeAuth(auth: string): { username: string; password: string } | null {
  const trimmed = auth.trim();
  if (!BASE64.test(trimmed) || trimmed.length % 4 === 1) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(trimmed, 'base64'));
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function entryLogin(origin: ImportOrigin, serverKey: string, entry: unknown, helper: string | undefined): FoundLogin | { placeholder: string } {
  const skipped = (reason: SkipReason, username = '', error?: AppError): FoundLogin => ({
    origin,
    serverKey,
    username,
    skip: error ? { reason, error } : { reason },
  });
  if (isDockerHubTokenKey(serverKey)) return skipped('dockerHubOAuthToken');
  if (!isPlainObject(entry)) return skipped('invalidAuth', '', new AppFailure('import.entryNotObject', { server: serverKey }).appError);
  const auth = text(entry.auth);
  const decoded = auth.trim() === '' ? null : decodeAuth(auth);
  const username = decoded?.username ?? text(entry.username);
  if (text(entry.identitytoken) !== '' || text(entry.registrytoken) !== '') return skipped('identityToken', username);
  if (auth.trim() !== '' && !decoded) return skipped('invalidAuth', text(entry.username), new AppFailure('import.invalidAuth', { server: serverKey }).appError);
  if (decoded) return { origin, serverKey, username: decoded.username, secret: decoded.password };
  if (username !== '' && text(entry.password) !== '') return { origin, serverKey, username, secret: text(entry.password) };
  if (helper) return { placeholder: helper };
  return skipped('noCredentials', username);
}

function helperNames(value: Record<string, unknown>, origin: ImportOrigin): { credsStore?: string; credHelpers: Record<string, string> } {
  const bad = (field: string) => new AppFailure('import.notAuthFile', { location: origin.location, detail: `"${field}" is not a helper name` });
  const credsStore = value.credsStore;
  if (credsStore !== undefined && credsStore !== '' && (typeof credsStore !== 'string' || !HELPER_NAME.test(credsStore))) throw bad('credsStore');
  const helpers = value.credHelpers ?? {};
  if (!isPlainObject(helpers)) throw bad('credHelpers');
  for (const [host, name] of Object.entries(helpers)) if (typeof name !== 'string' || !HELPER_NAME.test(name)) throw bad(`credHelpers.${host}`);
  // Keys stay as the file spells them (docker matches them exactly); fromEntries defines each one,
  // `__proto__` included, as the file's own entry.
  const credHelpers = Object.fromEntries(Object.entries(helpers).map(([host, name]) => [host, name as string]));
  return { ...(typeof credsStore === 'string' && credsStore !== '' ? { credsStore } : {}), credHelpers };
}

/** Reads the text of a docker config or auth.json. Throws AppFailure when the file as a whole is unusable. */
export function parseAuthFile(content: string, origin: ImportOrigin): AuthFile {
  const parsed = parseJsonText(content);
  if (!parsed.ok) throw new AppFailure('import.malformedJson', { location: origin.location, detail: parsed.detail });
  if (!isPlainObject(parsed.value)) throw new AppFailure('import.notAuthFile', { location: origin.location, detail: 'the top level is not an object' });
  const auths = parsed.value.auths ?? {};
  if (!isPlainObject(auths)) throw new AppFailure('import.notAuthFile', { location: origin.location, detail: '"auths" is not an object' });
  const { credsStore, credHelpers } = helperNames(parsed.value, origin);
  const file: AuthFile = { logins: [], placeholders: [], credHelpers, ...(credsStore ? { credsStore } : {}) };
  for (const [serverKey, entry] of Object.entries(auths)) {
    const source = dockerSourceFor(file, dockerAuthKey(serverKey));
    const found = entryLogin(origin, serverKey, entry, source.kind === 'auths' ? undefined : source.helper);
    if ('placeholder' in found) file.placeholders.push({ serverKey, helper: found.placeholder });
    else file.logins.push(found);
  }
  return file;
}
