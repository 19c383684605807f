// Which folders each folder may import, after VS Code's code-import-patterns: one rule per
// folder, a layer each, and the patterns its files may import. A file always may import its own
// folder. `folder/**` is any file there (lower layers have no public face); `folder` alone is only
// its public face, `folder/index.ts` (how capabilities use each other).

/** Lowest first: a rule may allow its own layer only through public faces, and never a higher layer. */
export const LAYERS = ['shared', 'base', 'lower', 'capability', 'root'] as const;
export type Layer = (typeof LAYERS)[number];

export interface ImportRule {
  /** A folder (every file under it) or one file. */
  target: string;
  layer: Layer;
  allow: readonly string[];
}

const SHARED = 'shared/**';
const BASE = [SHARED, 'main/app-errors/**', 'main/logging/**', 'main/events/**'];

const base = (target: string, allow: readonly string[] = BASE): ImportRule => ({ target, layer: 'base', allow });
const lower = (target: string, allow: readonly string[]): ImportRule => ({ target, layer: 'lower', allow: [...BASE, ...allow] });
const capability = (target: string, allow: readonly string[]): ImportRule => ({ target, layer: 'capability', allow: [...BASE, ...allow] });

export const MAIN_RULES: readonly ImportRule[] = [
  { target: 'shared', layer: 'shared', allow: [] },
  // The app's name and version, as the User-Agent sends them: data, importing nothing.
  { target: 'package.json', layer: 'shared', allow: [] },
  base('main/app-errors', [SHARED]),
  base('main/events', [SHARED]),
  base('main/logging', [...BASE, 'main/keychain/**']),
  base('main/keychain'),
  base('main/settings'),
  base('main/saved-files'),
  base('main/certificates'),
  base('main/plugin-path'),
  lower('main/kube', ['main/plugin-path/**']),
  lower('main/registry-http', ['package.json']),
  lower('main/registry-credentials', ['main/keychain/**', 'main/settings/**', 'main/registry-http/**']),
  lower('main/pull-secrets', ['main/kube/**', 'main/registry-credentials/**']),
  lower('main/plans', ['main/settings/**']),
  capability('main/registries', ['main/keychain/**', 'main/settings/**', 'main/certificates/**']),
  capability('main/clusters', ['main/kube/**', 'main/plugin-path/**']),
  capability('main/connection', ['main/keychain/**', 'main/settings/**', 'main/registry-http/**', 'main/registry-credentials/**', 'main/registries']),
  capability('main/access', [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/plans/**',
    'main/settings/**',
    'main/registry-credentials/**',
    'main/clusters',
  ]),
  capability('main/pull-doctor', [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/registry-http/**',
    'main/registry-credentials/**',
    'main/settings/**',
    'main/clusters',
    'main/access',
  ]),
  capability('main/cluster-sync', [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/plans/**',
    'main/settings/**',
    'main/saved-files/**',
    'main/registry-credentials/**',
    'main/clusters',
  ]),
  capability('main/registry-import', [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/plans/**',
    'main/plugin-path/**',
    'main/keychain/**',
    'main/settings/**',
    'main/clusters',
    'main/connection',
    'main/registries',
  ]),
  capability('main/registry-export', [
    'main/pull-secrets/**',
    'main/plans/**',
    'main/settings/**',
    'main/saved-files/**',
    'main/certificates/**',
    'main/registry-credentials/**',
    'main/registries',
    'main/registry-import',
  ]),
  capability('main/credential-helper', [
    'main/keychain/**',
    'main/settings/**',
    'main/saved-files/**',
    'main/registry-http/**',
    'main/registry-credentials/**',
    'main/registries',
    'main/registry-import',
  ]),
  capability('main/radar', ['main/kube/**', 'main/pull-secrets/**', 'main/registry-http/**', 'main/saved-files/**', 'main/certificates/**']),
  capability('main/registry-browser', ['main/settings/**', 'main/registry-http/**', 'main/registry-credentials/**']),
  capability('main/diagnostics', ['main/settings/**']),
  capability('main/preferences', ['main/settings/**']),
  {
    target: 'main/composition.ts',
    layer: 'root',
    allow: [
      ...BASE,
      ...['keychain', 'settings', 'saved-files', 'certificates', 'plugin-path', 'lifecycle', 'kube', 'registry-http', 'registry-credentials'].map((folder) => `main/${folder}/**`),
      ...['registries', 'clusters', 'connection', 'access', 'pull-doctor', 'cluster-sync', 'registry-import', 'registry-export', 'diagnostics', 'preferences', 'radar', 'registry-browser', 'credential-helper'].map((folder) => `main/${folder}`),
    ],
  },
  { target: 'main/lifecycle', layer: 'base', allow: BASE },
  { target: 'main/ipc', layer: 'root', allow: [...BASE, 'main/composition.ts', 'main/lifecycle/**'] },
  { target: 'main/shell', layer: 'root', allow: [...BASE, 'main/settings/**', 'main/saved-files/**'] },
  {
    target: 'main/index.ts',
    layer: 'root',
    allow: [...BASE, 'main/composition.ts', 'main/ipc/**', 'main/shell/**', 'main/keychain/**', 'main/settings/**', 'main/lifecycle/**', 'main/credential-helper'],
  },
  { target: 'preload', layer: 'root', allow: [SHARED] },
  // The window's own layers (ui, data, features) get their rules here as they are drawn.
  { target: 'renderer', layer: 'root', allow: [SHARED, 'renderer/**'] },
];
