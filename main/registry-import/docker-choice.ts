import type { DockerUnused } from '../../shared/import-export-contract';
import { DOCKER_HUB_KEY } from '../pull-secrets/pull-secret';
import { isDockerHubTokenKey, type FoundLogin } from './found-login';

/*
 * Which login the docker CLI sends to a registry, as docker/cli's config/configfile/file.go decides:
 * `credHelpers[key]` (the key spelled exactly), else `credsStore`, else the file's `auths`. When a
 * helper answers "credentials not found", docker sends nothing, whatever `auths` holds; when the
 * helper cannot run or fails, docker falls back to `auths`.
 */

/** The key docker asks its stores for when it pulls from the registry an `auths` key names (ConvertToHostname, getAuthConfigKey). */
export function dockerAuthKey(serverKey: string): string {
  if (serverKey === DOCKER_HUB_KEY) return serverKey;
  const scheme = serverKey.indexOf('://');
  const rest = scheme === -1 ? serverKey : serverKey.slice(scheme + 3);
  const authority = rest.split(/[/?#]/, 1)[0]!;
  const host = scheme === -1 ? authority : authority.slice(authority.lastIndexOf('@') + 1);
  return host === 'docker.io' || host === 'index.docker.io' ? DOCKER_HUB_KEY : host;
}

/** The helpers a docker config names: the store for every registry, and one per registry key. */
export interface DockerHelperNames {
  credsStore?: string;
  credHelpers: Record<string, string>;
}

/** Where docker takes the login for a key from: the key's own helper, the store, or `auths`. */
export type DockerSource = { kind: 'helper' | 'store'; helper: string } | { kind: 'auths' };

export function dockerSourceFor(file: DockerHelperNames, key: string): DockerSource {
  if (Object.hasOwn(file.credHelpers, key)) return { kind: 'helper', helper: file.credHelpers[key]! };
  if (file.credsStore) return { kind: 'store', helper: file.credsStore };
  return { kind: 'auths' };
}

type HelperSource = Exclude<DockerSource, { kind: 'auths' }>;

const helperOf = (login: FoundLogin): string | null =>
  login.origin.kind === 'credential-helper' ? login.origin.location.replace(/^docker-credential-/, '') : null;

/** The helper's answer for the key, from the logins it gave: a login, a failure (docker then reads `auths`), or none. */
function helperAnswer(logins: FoundLogin[], helper: string, key: string): 'login' | 'failed' | 'none' {
  // Docker Hub's OAuth tokens sit beside its login under their own keys: they are no answer for the login's key.
  const answers = logins.filter((login) => helperOf(login) === helper && !isDockerHubTokenKey(login.serverKey) && dockerAuthKey(login.serverKey) === key);
  if (answers.some((login) => login.skip?.reason !== 'helperFailed')) return 'login';
  if (answers.some((login) => login.skip?.error?.code !== 'import.helperNotFound')) return 'failed';
  return 'none';
}

/** Why docker does not send this login when the key's helper is `source`, or null when it does. */
function unusedWithHelper(source: HelperSource, answer: 'login' | 'failed' | 'none', own: string | null): DockerUnused | null {
  if (answer === 'login') return source.helper === own ? null : { reason: 'dockerUsesHelper', helper: source.helper };
  if (answer === 'failed') return own === null ? null : { reason: 'dockerUsesConfig', helper: source.helper };
  return { reason: source.kind === 'store' ? 'storeHasNoLogin' : 'helperHasNoLogin', helper: source.helper };
}

/** Why docker does not send this login, or null when it does (or when docker's config has no say in it). */
function unusedBecause(file: DockerHelperNames, logins: FoundLogin[], login: FoundLogin): DockerUnused | null {
  const own = helperOf(login);
  if (login.skip || (login.origin.kind !== 'docker-config' && own === null)) return null;
  const key = dockerAuthKey(login.serverKey);
  const source = dockerSourceFor(file, key);
  // With no helper for the key in docker's config, a helper's login was read for Podman's files: not docker's to judge.
  if (source.kind === 'auths') return null;
  return unusedWithHelper(source, helperAnswer(logins, source.helper, key), own);
}

/**
 * Marks every login docker would not send for its registry, given docker's config.json; those
 * come last, so that the login docker sends is the one a same host and user is imported from.
 */
export function followDockerChoice(file: DockerHelperNames | undefined, logins: FoundLogin[]): FoundLogin[] {
  if (!file) return logins;
  const judged = logins.map((login) => {
    const unused = unusedBecause(file, logins, login);
    return unused ? { ...login, unusedByDocker: unused } : login;
  });
  return [...judged.filter((login) => !login.unusedByDocker), ...judged.filter((login) => login.unusedByDocker)];
}
