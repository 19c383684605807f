import { describe, expect, it } from 'vitest';
import type { ImportOrigin } from '../../shared/import-export-contract';
import { AppFailure } from '../../main/app-errors/app-failure';
import { dockerAuthKey, dockerSourceFor, followDockerChoice } from '../../main/registry-import/docker-choice';
import type { FoundLogin } from '../../main/registry-import/found-login';

// docker/cli config/configfile/file.go: credHelpers[key] (exact key), else credsStore, else auths.
// A helper's "credentials not found" means docker sends nothing; a helper that fails lets docker read auths.

const config: ImportOrigin = { kind: 'docker-config', location: '/home/u/.docker/config.json' };
const podman: ImportOrigin = { kind: 'podman-auth', location: '/run/user/1/containers/auth.json' };
const helper = (name: string): ImportOrigin => ({ kind: 'credential-helper', location: `docker-credential-${name}` });
const login = (origin: ImportOrigin, serverKey: string, username: string): FoundLogin => ({ origin, serverKey, username, secret: `${username}-pw` });
const notFound = (name: string, serverKey: string): FoundLogin => ({
  origin: helper(name),
  serverKey,
  username: '',
  skip: { reason: 'helperFailed', error: new AppFailure('import.helperNotFound', { helper: name, server: serverKey }).appError },
});
const failed = (name: string, serverKey: string): FoundLogin => ({
  origin: helper(name),
  serverKey,
  username: '',
  skip: { reason: 'helperFailed', error: new AppFailure('import.helperMissing', { helper: name }).appError },
});

describe('the key docker asks for', () => {
  it.each([
    ['quay.io', 'quay.io'],
    ['quay.io/team', 'quay.io'],
    ['https://quay.io', 'quay.io'],
    ['http://localhost:5000/v2/', 'localhost:5000'],
    ['https://user@harbor.corp:8443/v1/', 'harbor.corp:8443'],
    ['https://index.docker.io/v1/', 'https://index.docker.io/v1/'],
    ['docker.io', 'https://index.docker.io/v1/'],
    ['index.docker.io', 'https://index.docker.io/v1/'],
    ['registry-1.docker.io', 'registry-1.docker.io'],
  ])('%s → %s', (serverKey, key) => {
    expect(dockerAuthKey(serverKey)).toBe(key);
  });

  it('matches credHelpers keys exactly, own keys only', () => {
    const file = { credsStore: 'store', credHelpers: { 'quay.io': 'quayhelper', 'https://ghcr.io': 'ghcrhelper' } };
    expect(dockerSourceFor(file, 'quay.io')).toEqual({ kind: 'helper', helper: 'quayhelper' });
    expect(dockerSourceFor(file, 'ghcr.io')).toEqual({ kind: 'store', helper: 'store' });
    expect(dockerSourceFor(file, 'constructor')).toEqual({ kind: 'store', helper: 'store' });
    expect(dockerSourceFor({ credHelpers: {} }, 'toString')).toEqual({ kind: 'auths' });
  });
});

type Row = [string, { credsStore?: string; credHelpers: Record<string, string> }, FoundLogin[], (string | null)[]];

describe('which login docker sends', () => {
  // Each row: docker's config, the logins found (in scan order), then each login's verdict in that order.
  it.each<Row>([
    ['auths only: the inline login', { credHelpers: {} }, [login(config, 'quay.io', 'a')], [null]],
    [
      'credHelpers beats credsStore for the same host and user',
      { credsStore: 'store', credHelpers: { 'quay.io': 'fresh' } },
      [login(helper('store'), 'quay.io', 'a'), login(helper('fresh'), 'quay.io', 'a')],
      ['dockerUsesHelper:fresh', null],
    ],
    [
      'credsStore beats auths',
      { credsStore: 'store', credHelpers: {} },
      [login(helper('store'), 'https://quay.io', 'a'), login(config, 'quay.io', 'old')],
      [null, 'dockerUsesHelper:store'],
    ],
    [
      'credsStore without a login: docker sends nothing, not the inline auth',
      { credsStore: 'store', credHelpers: {} },
      [notFound('store', 'quay.io'), login(config, 'quay.io', 'a')],
      [null, 'storeHasNoLogin:store'],
    ],
    [
      'a credHelpers helper without a login: nothing either',
      { credsStore: 'store', credHelpers: { 'quay.io': 'empty' } },
      [notFound('empty', 'quay.io'), login(helper('store'), 'quay.io', 'b'), login(config, 'quay.io', 'a')],
      [null, 'helperHasNoLogin:empty', 'helperHasNoLogin:empty'],
    ],
    [
      'a store that fails: docker falls back to auths',
      { credsStore: 'broken', credHelpers: {} },
      [failed('broken', 'quay.io'), login(config, 'quay.io', 'a')],
      [null, null],
    ],
    [
      'a credHelpers key spelled with a scheme is not docker’s key: the store answers',
      { credsStore: 'store', credHelpers: { 'https://quay.io': 'other' } },
      [login(helper('other'), 'https://quay.io', 'x'), login(helper('store'), 'quay.io', 'a')],
      ['dockerUsesHelper:store', null],
    ],
    [
      'Docker Hub: credHelpers under https://index.docker.io/v1/ beats the store and docker.io spellings',
      { credsStore: 'store', credHelpers: { 'https://index.docker.io/v1/': 'hub' } },
      [login(helper('store'), 'https://index.docker.io/v1/', 'old'), login(helper('hub'), 'https://index.docker.io/v1/', 'new'), login(config, 'docker.io', 'inline')],
      ['dockerUsesHelper:hub', null, 'dockerUsesHelper:hub'],
    ],
    [
      'Docker Hub’s OAuth tokens in the store are not a login for Docker Hub',
      { credsStore: 'store', credHelpers: {} },
      [
        { origin: helper('store'), serverKey: 'https://index.docker.io/v1/access-token', username: '', skip: { reason: 'dockerHubOAuthToken' } },
        notFound('store', 'https://index.docker.io/v1/'),
        login(config, 'https://index.docker.io/v1/', 'hub'),
      ],
      [null, null, 'storeHasNoLogin:store'],
    ],
    [
      'Podman’s logins and a helper docker’s config does not name for the host are not judged',
      { credsStore: '', credHelpers: { 'quay.io': 'q' } },
      [login(podman, 'ghcr.io', 'p'), login(helper('podmans'), 'ghcr.io', 'h'), login(helper('q'), 'quay.io', 'q'), login(podman, 'quay.io', 'p')],
      [null, null, null, null],
    ],
  ])('%s', (_title, file, logins, verdicts) => {
    const judged = followDockerChoice(file, logins);
    const verdictOf = (found: FoundLogin) => {
      const marked = judged.find((entry) => entry.origin === found.origin && entry.serverKey === found.serverKey && entry.username === found.username)!;
      return marked.unusedByDocker ? `${marked.unusedByDocker.reason}:${marked.unusedByDocker.helper}` : null;
    };
    expect(logins.map(verdictOf)).toEqual(verdicts);
  });

  it('puts the logins docker sends first, so a same host and user is imported from the one docker uses', () => {
    const stale = login(helper('store'), 'quay.io', 'a');
    const fresh = login(helper('fresh'), 'quay.io', 'a');
    const judged = followDockerChoice({ credsStore: 'store', credHelpers: { 'quay.io': 'fresh' } }, [stale, fresh]);
    expect(judged.map((entry) => entry.origin.location)).toEqual(['docker-credential-fresh', 'docker-credential-store']);
  });

  it('leaves everything as found without a docker config', () => {
    const logins = [login(helper('store'), 'quay.io', 'a'), login(config, 'quay.io', 'a')];
    expect(followDockerChoice(undefined, logins)).toBe(logins);
  });
});
