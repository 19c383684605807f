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
  /** Why the folder exists, in a line: also the README's folder map. */
  purpose: string;
}

const SHARED = 'shared/**';
const BASE = [SHARED, 'main/app-errors/**', 'main/logging/**', 'main/events/**'];

const base = (target: string, purpose: string, allow: readonly string[] = BASE): ImportRule => ({ target, layer: 'base', allow, purpose });
const lower = (target: string, purpose: string, allow: readonly string[]): ImportRule => ({ target, layer: 'lower', allow: [...BASE, ...allow], purpose });
const capability = (target: string, purpose: string, allow: readonly string[]): ImportRule => ({ target, layer: 'capability', allow: [...BASE, ...allow], purpose });

export const MAIN_RULES: readonly ImportRule[] = [
  { target: 'shared', layer: 'shared', allow: [], purpose: 'zod schemas, the IPC contract, rules and i18n catalogues that main and the window share' },
  base('main/app-errors', 'typed failures, and the shaping of zod issues and JSON mistakes into them', [SHARED]),
  base('main/events', 'the sink for progress pushed to the window', [SHARED]),
  base('main/logging', 'the redacting log and the clock', [...BASE, 'main/keychain/**']),
  base('main/keychain', 'the OS keychain behind one secret-store interface'),
  base('main/settings', 'settings.json: read, migrated, written'),
  base('main/saved-files', 'files the operator saves, written atomically'),
  base('main/certificates', 'PEM and DER certificates inspected'),
  base('main/plugin-path', 'the PATH where exec plugins and credential helpers are found'),
  lower('main/kube', "kubeconfig, connections to clusters, the one bounded list path, retries", ['main/plugin-path/**']),
  lower('main/registry-http', 'HTTP to registries: transport, proxy, token service, v2 login, manifest HEAD, response caps', []),
  lower('main/registry-credentials', "the login each registry type needs (keychain, ECR's token)", ['main/keychain/**', 'main/settings/**', 'main/registry-http/**']),
  lower('main/pull-secrets', "the pull-secret format and kubelet's credential matcher", ['main/kube/**', 'main/registry-credentials/**']),
  lower('main/plans', 'previews kept until applied, targets and state counts of access settings', ['main/settings/**']),
  capability('main/registries', 'the registry list and its form', ['main/keychain/**', 'main/settings/**', 'main/certificates/**']),
  capability('main/clusters', "the kubeconfig's contexts as the window lists them, followed as the files change", ['main/kube/**', 'main/plugin-path/**']),
  capability('main/connection', 'Test connection', ['main/keychain/**', 'main/settings/**', 'main/registry-http/**', 'main/registry-credentials/**', 'main/registries']),
  capability('main/access', 'Manage access: pull secrets planned, applied and checked; the ECR refresh', [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/plans/**',
    'main/settings/**',
    'main/registry-credentials/**',
    'main/clusters',
  ]),
  capability('main/pull-doctor', 'why a pod cannot pull its image, and the fixes', [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/registry-http/**',
    'main/registry-credentials/**',
    'main/settings/**',
    'main/clusters',
    'main/access',
  ]),
  capability('main/cluster-sync', "the in-cluster sync through the cluster's own engines, and its GitOps export", [
    'main/kube/**',
    'main/pull-secrets/**',
    'main/plans/**',
    'main/settings/**',
    'main/saved-files/**',
    'main/registry-credentials/**',
    'main/clusters',
  ]),
  capability('main/registry-import', "logins found on the workstation, in pasted text and in clusters' secrets", [
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
  capability('main/registry-export', 'manifests and the settings file out, the settings file back in', [
    'main/pull-secrets/**',
    'main/plans/**',
    'main/settings/**',
    'main/saved-files/**',
    'main/certificates/**',
    'main/registry-credentials/**',
    'main/registries',
    'main/registry-import',
  ]),
  capability('main/diagnostics', 'About: versions, folders and a redacted report', ['main/settings/**']),
  capability('main/preferences', "the operator's choices (language)", ['main/settings/**']),
  {
    target: 'main/composition.ts',
    layer: 'root',
    purpose: 'the composition root: the one place that wires the capabilities together',
    allow: [
      ...BASE,
      ...['keychain', 'settings', 'saved-files', 'certificates', 'plugin-path', 'lifecycle', 'kube', 'registry-http', 'registry-credentials'].map((folder) => `main/${folder}/**`),
      ...['registries', 'clusters', 'connection', 'access', 'pull-doctor', 'cluster-sync', 'registry-import', 'registry-export', 'diagnostics', 'preferences'].map((folder) => `main/${folder}`),
    ],
  },
  { target: 'main/lifecycle', layer: 'base', allow: BASE, purpose: 'what runs while the app runs, disposed in reverse order at quit' },
  { target: 'main/ipc', layer: 'root', allow: [...BASE, 'main/composition.ts', 'main/lifecycle/**'], purpose: 'IPC: every channel of the contract checked, dispatched and cancellable' },
  { target: 'main/shell', layer: 'root', allow: [...BASE, 'main/settings/**', 'main/saved-files/**'], purpose: 'the Electron window, its protocol and its lockdown' },
  {
    target: 'main/index.ts',
    layer: 'root',
    allow: [...BASE, 'main/composition.ts', 'main/ipc/**', 'main/shell/**', 'main/keychain/**', 'main/settings/**', 'main/lifecycle/**'],
    purpose: 'the thin Electron shell that starts the services',
  },
  { target: 'preload', layer: 'root', allow: [SHARED], purpose: 'the one typed window.api, nothing else' },
  // The window's own layers (ui, data, features) get their rules here as they are drawn.
  { target: 'renderer', layer: 'root', allow: [SHARED, 'renderer/**'], purpose: 'the window (React)' },
];
