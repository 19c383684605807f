import { describe, expect, it } from 'vitest';
import type { PluginPath } from '../../main/plugin-path/plugin-path';
import { contextTargets } from '../../main/plans/targets';
import { parseImageReference } from '../../main/pull-secrets/image-reference';
import { parseAuthFile } from '../../main/registry-import/auth-file';
import { createCredentialHelpers } from '../../main/registry-import/credential-helper';
import type { AccessSettings, TargetScope } from '../../shared/access-settings';
import { ownValue } from '../../shared/own-property';
import { accessSettingsForFix } from '../../shared/pull-doctor-access';
import type { RegistryView } from '../../shared/schemas';

// Keys from a file, a cluster or IPC that name members every plain object inherits.
const SPECIAL = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const origin = { kind: 'docker-config' as const, location: '/home/me/.docker/config.json' };

const scope = (names: string[]): TargetScope => ({ namespaces: { kind: 'list', names }, serviceAccounts: { kind: 'none' } });
const SHARED = scope(['shared']);
const settings: AccessSettings = {
  mode: 'inject-selected',
  allClusters: true,
  contexts: [],
  scope: SHARED,
  contextScopes: { own: scope(['own']) },
  credential: { type: 'registry-credentials', secretName: 'hub' },
};

describe('ownValue', () => {
  it('finds own entries, `__proto__` included, and nothing a plain object inherits', () => {
    const record = JSON.parse('{"__proto__": "proto", "a": "x"}') as Record<string, string>;
    expect(ownValue(record, '__proto__')).toBe('proto');
    expect(ownValue(record, 'a')).toBe('x');
    for (const key of SPECIAL.slice(1)) expect(ownValue(record, key)).toBeUndefined();
    expect(ownValue(undefined, 'a')).toBeUndefined();
  });
});

describe('a docker config whose auths keys name built-in members', () => {
  const auths = Object.fromEntries(SPECIAL.map((key) => [key, {}]));

  it('sends none of them to a helper when credHelpers names other hosts, as docker does', () => {
    const file = parseAuthFile(JSON.stringify({ auths, credHelpers: { 'real.example.com': 'recorder' } }), origin);
    expect(file.placeholders).toEqual([]);
    expect(file.logins.map(({ serverKey, skip }) => [serverKey, skip?.reason])).toEqual(SPECIAL.map((key) => [key, 'noCredentials']));
    expect(file.credHelpers).toEqual({ 'real.example.com': 'recorder' });
  });

  it('keeps a credHelpers entry whose host is `__proto__` as the file names it', () => {
    const file = parseAuthFile('{"auths": {"__proto__": {}, "constructor": {}}, "credHelpers": {"__proto__": "proto-helper"}}', origin);
    expect(file.placeholders).toEqual([{ serverKey: '__proto__', helper: 'proto-helper' }]);
    expect(Object.getPrototypeOf(file.credHelpers)).toBe(Object.prototype);
    expect(Object.entries(file.credHelpers)).toEqual([['__proto__', 'proto-helper']]);
  });

  it('asks the credsStore for every entry, special keys too, as docker does', () => {
    const file = parseAuthFile(JSON.stringify({ auths, credsStore: 'desktop' }), origin);
    expect(file.placeholders).toEqual(SPECIAL.map((serverKey) => ({ serverKey, helper: 'desktop' })));
  });
});

describe('the credential helper name, checked again where it becomes a command', () => {
  it('runs nothing for a name outside the helper-name pattern', async () => {
    const looked: string[] = [];
    const pluginPath: PluginPath = { value: async () => '/nowhere', resolve: async (command) => (looked.push(command), '/bin/true') };
    const helpers = createCredentialHelpers({ pluginPath, env: {} });
    for (const name of ['[object Object]', 'function Object() { [native code] }', '../evil', '']) {
      await expect(helpers.get(name, 'r.example.com')).rejects.toMatchObject({ appError: { code: 'import.helperFailed', params: { detail: 'not a helper name, not run' } } });
      await expect(helpers.list(name)).rejects.toMatchObject({ appError: { code: 'import.helperFailed' } });
    }
    expect(looked).toEqual([]);
  });
});

describe('context names from the kubeconfig', () => {
  it('a context named like a built-in member gets the shared scope', () => {
    const targets = contextTargets(settings, [...SPECIAL, 'own']);
    for (const context of SPECIAL) expect(targets.get(context)).toEqual(SHARED);
    expect(targets.get('own')).toEqual(scope(['own']));
  });

  it('the pull doctor adds its namespace to the shared scope of such a context', () => {
    const registry = { id: 'reg_00000000000000aa', name: 'r', type: 'other', url: 'reg.io', isDefault: true, access: settings } as unknown as RegistryView;
    for (const context of SPECIAL) {
      const fixed = accessSettingsForFix(registry, { kind: 'inject', registryId: registry.id, registryName: 'r', context, namespace: 'team-a', serviceAccount: 'default', pullSecrets: [] });
      expect(ownValue(fixed.contextScopes, context)).toEqual({ namespaces: { kind: 'list', names: ['shared', 'team-a'] }, serviceAccounts: { kind: 'list', names: ['default'] } });
      expect(Object.getPrototypeOf(fixed.contextScopes)).toBe(Object.prototype);
    }
  });
});

describe('image references from pods', () => {
  // The only such name the reference grammar lets through: lowercase, no leading underscore.
  it('a digest algorithm named `constructor` is unsupported, as in distribution', () => {
    expect(parseImageReference(`reg.io/app@constructor:${'a'.repeat(64)}`)).toEqual({ ok: false, reason: 'unsupported digest algorithm' });
  });
});
