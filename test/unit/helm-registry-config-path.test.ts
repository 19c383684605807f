import { join } from 'node:path';
import { expect, it } from 'vitest';
import { helmRegistryConfigPath } from '../../main/credential-helper/doctor-files';

// The lookup order of helm's pkg/cli (HELM_REGISTRY_CONFIG) and pkg/helmpath (HELM_CONFIG_HOME,
// then the platform's config home): a wrong default would switch a file helm never reads.
const home = '/home/ada';
const path = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}) => helmRegistryConfigPath({ env, home, platform });

it('follows helm: its own variables first, then the platform config home', () => {
  expect(path('linux')).toBe(join(home, '.config', 'helm', 'registry', 'config.json'));
  expect(path('linux', { XDG_CONFIG_HOME: '/x' })).toBe(join('/x', 'helm', 'registry', 'config.json'));
  expect(path('darwin')).toBe(join(home, 'Library', 'Preferences', 'helm', 'registry', 'config.json'));
  expect(path('darwin', { XDG_CONFIG_HOME: '/x' })).toBe(join('/x', 'helm', 'registry', 'config.json'));
  expect(path('linux', { XDG_CONFIG_HOME: '/x', HELM_CONFIG_HOME: '/h' })).toBe(join('/h', 'registry', 'config.json'));
  expect(path('darwin', { HELM_CONFIG_HOME: '/h', HELM_REGISTRY_CONFIG: '/r.json' })).toBe('/r.json');
});
