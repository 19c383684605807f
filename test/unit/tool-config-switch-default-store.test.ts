import { describe, expect, it } from 'vitest';
import { planConfigSwitch, type DefaultStoreChoice } from '../../main/credential-helper/tool-config-switch';
import { detectDefaultStore } from '../../main/credential-helper/default-store';

// docker (ContainsAuth) and helm (oras-go IsAuthConfigured) ask the platform's default store for
// every host only while their file configures no login at all; the switch's plan says when its
// write ends that, and keeps the store as credsStore only when asked.

const PATH = '/home/op/.docker/config.json';
const HOST = 'registry.example.com';
const secretservice: DefaultStoreChoice = { store: 'secretservice', keep: false };
const plan = (before: string | null, kind: 'docker' | 'containers' | 'helm' = 'docker', choice = secretservice) => planConfigSwitch(PATH, before, [HOST], true, kind, choice);

describe('the default store a switched file relied on', () => {
  it.for([
    ['an absent file', null],
    ['an empty object', '{}\n'],
    ['empty auths and credHelpers', '{ "auths": {}, "credHelpers": {}, "detachKeys": "ctrl-e" }'],
    ['an empty credsStore', '{ "credsStore": "" }'],
  ] as const)('is named for %s, and nothing else changes without the tick', ([, before]) => {
    const result = plan(before);
    expect(result).toMatchObject({ defaultStore: 'secretservice', keepsDefaultStore: false, switched: [HOST] });
    expect(JSON.parse(result.after).credsStore ?? '').toBe('');
  });

  it.for([
    ['a login in auths', '{ "auths": { "other.example": { "auth": "eDp5" } } }'],
    ['a credHelpers entry', '{ "credHelpers": { "other.example": "ecr-login" } }'],
    ['its own credsStore', '{ "credsStore": "pass" }'],
  ] as const)('is not named for a file with %s: the tools never asked it', ([, before]) => {
    expect(plan(before, 'docker', { store: 'secretservice', keep: true })).toMatchObject({ defaultStore: null, keepsDefaultStore: false });
    expect(JSON.parse(plan(before, 'docker', { store: 'secretservice', keep: true }).after).credsStore).toBe(JSON.parse(before).credsStore);
  });

  it("is not named for containers' auth.json, which never reads a store", () => {
    expect(plan('{}', 'containers', { store: 'secretservice', keep: true })).toMatchObject({ defaultStore: null, keepsDefaultStore: false });
    expect(JSON.parse(plan('{}', 'containers', { store: 'secretservice', keep: true }).after)).toEqual({ credHelpers: { [HOST]: 'registry-desk' } });
  });

  it('is not named when no default store is installed, nor when the file already sends the host to the helper', () => {
    expect(plan('{}', 'docker', { store: null, keep: true })).toMatchObject({ defaultStore: null, keepsDefaultStore: false });
    expect(plan(`{ "credHelpers": { "${HOST}": "registry-desk" } }`)).toMatchObject({ defaultStore: null, switched: [] });
  });

  it('with the tick, credsStore is that store beside the helper entry, for docker and helm alike', () => {
    for (const kind of ['docker', 'helm'] as const) {
      const result = plan('{\n\t"detachKeys": "ctrl-e"\n}\n', kind, { store: 'pass', keep: true });
      expect(result).toMatchObject({ defaultStore: 'pass', keepsDefaultStore: true });
      expect(JSON.parse(result.after)).toEqual({ detachKeys: 'ctrl-e', credsStore: 'pass', credHelpers: { [HOST]: 'registry-desk' } });
      expect(result.after).toContain('\n\t"credsStore": "pass"');
    }
  });
});

describe("docker's default store detection", () => {
  const onPath = (found: string[]) => async (command: string) => found.includes(command);
  it('is pass when pass and its helper are on PATH, else secretservice when its helper is, else none', async () => {
    expect(await detectDefaultStore('linux', onPath(['pass', 'docker-credential-pass', 'docker-credential-secretservice']))).toBe('pass');
    // pass on PATH without its helper: docker detects nothing (it does not try secretservice then).
    expect(await detectDefaultStore('linux', onPath(['pass', 'docker-credential-secretservice']))).toBeNull();
    expect(await detectDefaultStore('linux', onPath(['docker-credential-secretservice']))).toBe('secretservice');
    expect(await detectDefaultStore('linux', onPath([]))).toBeNull();
  });

  it('is osxkeychain on macOS and wincred on Windows when their helper is on PATH, as docker and oras-go name them', async () => {
    expect(await detectDefaultStore('darwin', onPath(['docker-credential-osxkeychain']))).toBe('osxkeychain');
    // Neither pass nor secretservice is ever the default there, even when installed.
    expect(await detectDefaultStore('darwin', onPath(['pass', 'docker-credential-pass', 'docker-credential-secretservice']))).toBeNull();
    expect(await detectDefaultStore('win32', onPath(['docker-credential-wincred']))).toBe('wincred');
    expect(await detectDefaultStore('win32', onPath(['docker-credential-secretservice', 'docker-credential-osxkeychain']))).toBeNull();
    expect(await detectDefaultStore('freebsd', onPath(['docker-credential-secretservice', 'pass', 'docker-credential-pass']))).toBeNull();
  });
});
