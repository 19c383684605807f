import type { AppError } from '../../shared/errors';
import type { ImportOrigin, ImportSource } from '../../shared/import-export-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { AuthFile } from './auth-file';
import type { CredentialHelpers } from './credential-helper';
import { failureOf } from '../app-errors/failure-of';
import { dockerAuthKey, dockerSourceFor } from './docker-choice';
import { isDockerHubTokenKey, type FoundLogin } from './found-login';

interface HelperReads {
  list: boolean;
  keys: Set<string>;
  /** Keys docker would ask the store for an `auths` login: asked to learn docker's choice, shown only when they hold a login. */
  probes: Set<string>;
}

/** The credential helper only holds the answer for the key spelled as it was stored; ask once per spelling. */
function keysByHelper(files: AuthFile[]): Map<string, HelperReads> {
  const byHelper = new Map<string, HelperReads>();
  const entry = (helper: string) => byHelper.get(helper) ?? byHelper.set(helper, { list: false, keys: new Set(), probes: new Set() }).get(helper)!;
  for (const file of files) {
    if (file.credsStore) entry(file.credsStore).list = true;
    const placeholderKeys = new Set(file.placeholders.map(({ serverKey }) => dockerAuthKey(serverKey)));
    for (const [key, helper] of Object.entries(file.credHelpers)) if (!placeholderKeys.has(key)) entry(helper).keys.add(key);
    for (const { serverKey, helper } of file.placeholders) entry(helper).keys.add(serverKey);
    for (const { serverKey } of file.logins.filter((login) => !login.skip)) {
      const key = dockerAuthKey(serverKey);
      const source = dockerSourceFor(file, key);
      if (source.kind === 'store' && !placeholderKeys.has(key)) entry(source.helper).probes.add(key);
    }
  }
  return byHelper;
}

const GET_CONCURRENCY = 4;

async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += GET_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + GET_CONCURRENCY).map(work))));
  }
  return results;
}

async function loginFromHelper(helpers: CredentialHelpers, helper: string, origin: ImportOrigin, serverKey: string): Promise<FoundLogin> {
  if (isDockerHubTokenKey(serverKey)) return { origin, serverKey, username: '', skip: { reason: 'dockerHubOAuthToken' } };
  try {
    const answer = await helpers.get(helper, serverKey);
    if (!answer) {
      return { origin, serverKey, username: '', skip: { reason: 'helperFailed', error: new AppFailure('import.helperNotFound', { helper, server: serverKey }).appError } };
    }
    // Username `<token>` means the secret is an identity token, which kubelet ignores in pull secrets.
    if (answer.username === '<token>') return { origin, serverKey, username: '', skip: { reason: 'identityToken' } };
    return { origin, serverKey, username: answer.username, secret: answer.secret };
  } catch (error) {
    return { origin, serverKey, username: '', skip: { reason: 'helperFailed', error: failureOf(error) } };
  }
}

async function readHelper(helpers: CredentialHelpers, helper: string, wanted: HelperReads) {
  const origin: ImportOrigin = { kind: 'credential-helper', location: `docker-credential-${helper}` };
  const keys = new Set(wanted.keys);
  let listError: AppError | undefined;
  if (wanted.list) {
    try {
      for (const key of Object.keys(await helpers.list(helper))) keys.add(key);
    } catch (error) {
      listError = failureOf(error);
    }
  }
  const probes = [...wanted.probes].filter((key) => !keys.has(key));
  const asked = [...keys, ...probes];
  // A helper that cannot even start fails every get the same way: say it once, on each of its logins.
  const answers = listError?.code === 'import.helperMissing'
    ? asked.map((serverKey): FoundLogin => ({ origin, serverKey, username: '', skip: { reason: 'helperFailed', error: listError } }))
    : await inBatches(asked, (serverKey) => loginFromHelper(helpers, helper, origin, serverKey));
  const logins = answers.map((login, index): FoundLogin => (index >= keys.size ? { ...login, probe: true } : login));
  const firstError = listError ?? logins.find((login) => login.skip?.reason === 'helperFailed' && login.skip.error?.code !== 'import.helperNotFound')?.skip?.error;
  const found = logins.filter((login) => !login.probe || !login.skip).length;
  const source: ImportSource = { ...origin, state: firstError ? 'failed' : 'read', found, ...(firstError ? { error: firstError } : {}) };
  return { source, logins };
}

/** Every login the credential helpers named by these files hold; one helper's failure touches only its own logins. */
export async function readHelperLogins(files: AuthFile[], helpers: CredentialHelpers): Promise<{ sources: ImportSource[]; logins: FoundLogin[] }> {
  const results = await Promise.all([...keysByHelper(files)].map(([helper, wanted]) => readHelper(helpers, helper, wanted)));
  return { sources: results.map((result) => result.source), logins: results.flatMap((result) => result.logins) };
}
