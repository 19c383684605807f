// The fleet radar: every context read with one list per kind (a few contexts at a time), its
// inventory built, every distinct pull question asked once across the fleet, expiries and hygiene
// found, and the matrix of cluster × namespace × registry coloured by the worst state in it.
// A context that cannot be read stays a row with its reason; the others go on. Nothing is changed.
import type { ContextRow, ExpiryRow, PullCheck, RadarCell, RadarProgress, RadarReport, RadarRequest, WorkloadRow } from '../../shared/radar-contract';
import { RadarRequestSchema } from '../../shared/radar-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { EventSink } from '../events/event-sink';
import type { KubeApi } from '../kube/kube-api';
import { clusterFailure } from '../kube/kube-errors';
import { runPool } from '../kube/work-pool';
import type { Clock } from '../logging/clock';
import { parseImageReference } from '../pull-secrets/image-reference';
import { keyringKey } from '../pull-secrets/kubelet-keyring';
import type { ConnectionNetwork } from '../registry-http/connection-network';
import { createRadarNotices, type RadarNoticeSettings } from './notices';
import { clusterGoogleKeyChecker, googleKeyChecker, hostOfKey, savedLoginExpiries, secretExpiries, type SavedSecretReader } from './expiry';
import { clusterGoogleKeyExpiries } from './cluster-google-keys';
import { certificateEndpoints, createCertificateExpiries } from './certificate-expiries';
import { harborRobotExpiries, savedLogins, type FleetLogin } from './harbor-robots';
import { NamespacesNotTried, readFleet } from './fleet-reads';
import { contextFindings, staleCopies } from './hygiene';
import { buildInventory, keyOf, type Inventory } from './inventory';
import { createPullChecks } from './pull-verdicts';
import { createRegistryChecks, type RegistryCheckOptions } from './registry-checks';
import { createReportSave } from './report-save';
import type { SaveDialog } from '../saved-files/saved-files';
import { createRunningImages } from './running-images';

export interface RadarDependencies {
  contexts: () => Promise<string[]>;
  api: (context: string) => Promise<KubeApi>;
  registries: () => RegistryRecord[];
  /** The saved logins' keychain reads for their expiries; absent: only uploaded CAs are dated. */
  savedSecrets?: SavedSecretReader;
  network: ConnectionNetwork;
  clock: Clock;
  /** Each context's namespace in the kubeconfig, where a user limited to some namespaces starts. */
  contextNamespaces?: () => Promise<Record<string, string>>;
  /** Contexts read at once (default 8). */
  contextConcurrency?: number;
  registryChecks?: Partial<Omit<RegistryCheckOptions, 'network'>>;
  /** The `auths` keys the workstation's own tool files hold in plain text (the Workstation tools' reader), with their files. */
  workstationPlainText?: () => Promise<{ key: string; files: string[] }[]>;
  /** Where a scan's progress goes (the window); absent: nobody is told. */
  events?: EventSink;
  /** The OS save dialog; absent in plain Node, where saving the report is refused. */
  saveDialog?: SaveDialog;
  /** Desktop notices of what a scan finds anew, when the operator turned them on; absent: none. */
  notices?: RadarNoticeSettings;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The least time between two progress events of the registry phase. */
const PROGRESS_MS = 100;

type Tone = RadarCell['worst'];
const RANK: Record<Tone, number> = { fail: 4, warn: 3, unknown: 2, unread: 1, pass: 0 };
const worse = (a: Tone, b: Tone): Tone => (RANK[a] >= RANK[b] ? a : b);
const VERDICT_TONE: Record<PullCheck['verdict'], Tone> = { pulls: 'pass', fails: 'fail', 'cached-only': 'fail', 'tag-moved': 'warn', 'platform-missing': 'fail', unknown: 'unknown' };
const EXPIRY_TONE: Record<ExpiryRow['state'], Tone> = { expired: 'fail', soon: 'warn', valid: 'pass', unknown: 'unknown' };

const refusalError = (error: unknown, context: string) =>
  error instanceof NamespacesNotTried ? new AppFailure('radar.namespacesNotTried', { context, count: error.count, limit: error.limit }).appError : clusterFailure(error, { context }).appError;

/**
 * Every distinct login saved in Registry Desk or in the fleet's pull secrets, with where each is
 * kept (a login seen in both is one login, asked once): which are Harbor robots is Harbor's to say.
 */
function fleetLogins(saved: FleetLogin[], read: { context: string; inventory: Inventory }[]): FleetLogin[] {
  const logins = new Map<string, FleetLogin>(saved.map((login) => [JSON.stringify([login.host, login.username, login.password]), login]));
  for (const { context, inventory } of read) {
    for (const { item, reading } of inventory.pullSecrets) {
      if (reading.state !== 'usable') continue;
      for (const entry of reading.entries) {
        const host = hostOfKey(entry.key);
        const key = JSON.stringify([host, entry.username, entry.password]);
        const login = logins.get(key) ?? { host, username: entry.username, password: entry.password, places: [] };
        login.places.push({ context, namespace: item.namespace, secret: item.name });
        logins.set(key, login);
      }
    }
  }
  return [...logins.values()];
}

/** Every registry a login is seen for in the fleet: the images' registries and every host a usable pull secret names. */
function loginDomains(checks: PullCheck[], read: { inventory: Inventory }[]): Set<string> {
  const domains = new Set<string>();
  for (const check of checks) {
    const parsed = parseImageReference(check.image);
    if (parsed.ok) domains.add(parsed.image.domain);
  }
  for (const { inventory } of read) {
    for (const { reading } of inventory.pullSecrets) {
      if (reading.state === 'usable') for (const entry of reading.entries) domains.add(hostOfKey(entry.key));
    }
  }
  return domains;
}

interface ContextResult {
  row: ContextRow;
  inventory: Inventory | null;
}

function cellsOf(workloads: WorkloadRow[], checks: Map<string, PullCheck>, pullSecrets: RadarReport['pullSecrets'], expiries: ExpiryRow[], contexts: ContextRow[]): RadarCell[] {
  const cells = new Map<string, RadarCell>();
  const cell = (context: string, namespace: string, registry: string): RadarCell => {
    const key = JSON.stringify([context, namespace, registry]);
    const found = cells.get(key) ?? { context, namespace, registry, worst: 'pass', workloads: 0, secrets: 0, unread: [] };
    cells.set(key, found);
    return found;
  };
  for (const workload of workloads) {
    const seen = new Set<string>();
    for (const container of workload.containers) {
      const check = checks.get(container.check);
      const target = cell(workload.context, workload.namespace, check?.registry || '—');
      target.worst = worse(target.worst, check ? VERDICT_TONE[check.verdict] : 'unknown');
      if (!seen.has(target.registry)) target.workloads += 1;
      seen.add(target.registry);
    }
  }
  const expiryOf = new Map(expiries.filter((row) => row.secret).map((row) => [JSON.stringify([row.context, row.namespace, row.secret, row.registry]), row]));
  for (const secret of pullSecrets) {
    for (const registry of new Set(secret.entries.map((entry) => (keyringKey(entry.key) ?? entry.key).split('/')[0] ?? entry.key))) {
      const target = cell(secret.context, secret.namespace, registry === 'index.docker.io' ? 'docker.io' : registry);
      target.secrets += 1;
      const expiry = expiryOf.get(JSON.stringify([secret.context, secret.namespace, secret.name, registry]));
      if (expiry) target.worst = worse(target.worst, EXPIRY_TONE[expiry.state] === 'unknown' ? 'pass' : EXPIRY_TONE[expiry.state]);
    }
  }
  const marked = markUnread([...cells.values()], contexts);
  return [...marked, ...unreadContexts(marked, contexts)];
}

/**
 * A context that could not be read at all (unreachable, TLS, token refused): a row of the matrix
 * standing for the whole context (namespace ''), a "not read" cell in every registry's column as
 * for a namespace not read, so that it is not only a line among the problems above the matrix.
 */
function unreadContexts(cells: RadarCell[], contexts: ContextRow[]): RadarCell[] {
  const registries = [...new Set(cells.map((cell) => cell.registry))].sort();
  // With nothing read anywhere there are no registry columns: the row still needs one cell to stand.
  const columns = registries.length > 0 ? registries : ['—'];
  return contexts.filter((row) => row.state === 'failed').flatMap(({ context }) => columns.map((registry): RadarCell => ({ context, namespace: '', registry, worst: 'unread', workloads: 0, secrets: 0, unread: [] })));
}

/**
 * Namespaces where lists were refused: their cells say "not read" rather than OK — and rather than
 * failing, where the secrets themselves were not read (a verdict then rests on secrets not seen); a
 * problem found in what was read stands. A namespace where nothing was read gets a "not read" cell
 * in every registry's column, so it is a row of the matrix, not a silence.
 */
function markUnread(cells: RadarCell[], contexts: ContextRow[]): RadarCell[] {
  const unread = new Map<string, { context: string; namespace: string; resources: string[] }>();
  for (const row of contexts) {
    for (const refusal of row.refused) {
      if (refusal.namespace === undefined) continue;
      const key = JSON.stringify([row.context, refusal.namespace]);
      const entry = unread.get(key) ?? { context: row.context, namespace: refusal.namespace, resources: [] };
      if (!entry.resources.includes(refusal.resource)) entry.resources.push(refusal.resource);
      unread.set(key, entry);
    }
  }
  if (unread.size === 0) return cells;
  const marked = new Set<string>();
  for (const cell of cells) {
    const key = JSON.stringify([cell.context, cell.namespace]);
    const entry = unread.get(key);
    if (!entry) continue;
    marked.add(key);
    cell.unread = [...entry.resources].sort();
    if (entry.resources.includes('secrets') || cell.worst === 'pass' || cell.worst === 'unknown') cell.worst = 'unread';
  }
  const registries = [...new Set(cells.map((cell) => cell.registry))].sort();
  const empty = [...unread].filter(([key]) => !marked.has(key)).map(([, entry]) => entry);
  return [...cells, ...empty.flatMap(({ context, namespace, resources }) => registries.map((registry): RadarCell => ({ context, namespace, registry, worst: 'unread', workloads: 0, secrets: 0, unread: [...resources].sort() })))];
}

export function createRadar(deps: RadarDependencies) {
  const certificates = createCertificateExpiries({ network: deps.network });
  const registryChecks = createRegistryChecks({ network: deps.network, perRegistry: 4, maxRetryAfterMs: 30_000, retries: 2, sleep, now: () => deps.clock.now().getTime(), ...deps.registryChecks });

  async function readContext(context: string, namespaces: ReadonlyMap<string, string>, signal?: AbortSignal): Promise<ContextResult> {
    try {
      const read = await readFleet(await deps.api(context), { namespace: namespaces.get(context) ?? null, signal });
      const refused = read.refused.map(({ resource, namespace, error }) => ({ resource, ...(namespace === undefined ? {} : { namespace }), error: refusalError(error, context) }));
      const readByNamespace = [...read.byNamespace].map(([resource, names]) => ({ resource, namespaces: [...names].sort() }));
      return { row: { context, state: refused.length > 0 ? 'partial' : 'read', error: null, refused, readByNamespace, apiRequests: read.lists }, inventory: buildInventory(read) };
    } catch (error) {
      if (signal?.aborted) throw new AppFailure('access.cancelled');
      return { row: { context, state: 'failed', error: clusterFailure(error, { context }).appError, refused: [], readByNamespace: [], apiRequests: 0 }, inventory: null };
    }
  }

  /** Per registry host, the files holding its password in plain text; a file that cannot be read is the Workstation tools screen's to explain. */
  async function workstationPlainText(): Promise<RadarReport['workstationPlainText']> {
    const byHost = new Map<string, Set<string>>();
    for (const { key, files } of (await deps.workstationPlainText?.()) ?? []) {
      const registry = hostOfKey(key);
      byHost.set(registry, new Set([...(byHost.get(registry) ?? []), ...files]));
    }
    return [...byHost].sort(([a], [b]) => a.localeCompare(b)).map(([registry, files]) => ({ registry, files: [...files] }));
  }

  /** Tells the window where a scan is; registry answers arrive by the hundred, so at most one event per PROGRESS_MS between the first and the last. */
  function progressOf(scanId: string | undefined) {
    let last = 0;
    return (phase: RadarProgress['phase'], done: number, total: number, context: string | null) => {
      if (!scanId || !deps.events) return;
      const at = performance.now();
      if (phase === 'registry' && done > 0 && done < total && at - last < PROGRESS_MS) return;
      last = at;
      deps.events.emit('event:radar-progress', { scanId, phase, done, total, context });
    };
  }

  async function scan(request: RadarRequest, signal?: AbortSignal): Promise<RadarReport> {
    const { contexts: wanted, expiryWindowDays, scanId } = RadarRequestSchema.parse(request);
    const contexts = wanted ?? (await deps.contexts());
    const now = deps.clock.now();
    const progress = progressOf(scanId);
    const namespaces = new Map(Object.entries((await deps.contextNamespaces?.()) ?? {}));
    const results: ContextResult[] = [];
    progress('inventory', 0, contexts.length, null);
    await runPool(contexts, deps.contextConcurrency ?? 8, async (context) => {
      results.push(await readContext(context, namespaces, signal));
      progress('inventory', results.length, contexts.length, context);
    });
    if (signal?.aborted) throw new AppFailure('access.cancelled');
    results.sort((a, b) => contexts.indexOf(a.row.context) - contexts.indexOf(b.row.context));
    const registry = registryChecks.run(deps.registries(), signal);
    try {
      const pulls = createPullChecks(registry);
      const read = results.flatMap(({ row, inventory }) => (inventory ? [{ context: row.context, inventory }] : []));
      const workloads: WorkloadRow[] = [];
      for (const { context, inventory } of read) {
        const readings = new Map(inventory.pullSecrets.map((facts) => [keyOf(facts.item.namespace, facts.item.name), facts.reading]));
        for (const workload of inventory.workloads) {
          const containers = workload.containers.map((container) => ({ ...container, check: pulls.check({ context, inventory, workload, container, now }, readings).id }));
          workloads.push({ context, ...workload, containers });
        }
      }
      const checks = await pulls.all((done, total) => progress('registry', done, total, null));
      if (signal?.aborted) throw new AppFailure('access.cancelled');
      const endpoints = certificateEndpoints(loginDomains(checks, read), deps.registries(), registry.endpointOf);
      const window = expiryWindowDays;
      const expiries = [
        ...read.flatMap(({ context, inventory }) => secretExpiries(context, inventory.pullSecrets, now, window)),
        ...(await clusterGoogleKeyExpiries(read, clusterGoogleKeyChecker(deps.network), signal)),
        ...(await certificates(endpoints, now, window, signal)),
        ...(await harborRobotExpiries(fleetLogins(await savedLogins(deps.registries(), deps.savedSecrets), read), registry.getApi, now, window)),
        ...(await savedLoginExpiries(deps.registries(), deps.savedSecrets, now, window, googleKeyChecker(deps.network))),
      ];
      const pullSecrets = read.flatMap(({ context, inventory }) => inventory.pullSecrets.map((facts) => ({ context, ...facts.row })));
      return {
        generatedAt: now.toISOString(),
        contexts: results.map((result) => result.row),
        pullSecrets,
        workloads,
        checks,
        expiries,
        findings: [...read.flatMap(({ context, inventory }) => contextFindings(context, inventory)), ...staleCopies(read)],
        cells: cellsOf(workloads, new Map(checks.map((check) => [check.id, check])), pullSecrets, expiries, results.map((result) => result.row)),
        workstationPlainText: await workstationPlainText(),
        registryRequests: registry.requests,
      };
    } finally {
      await registry.close();
    }
  }

  const reports = createReportSave(deps.saveDialog);
  const notice = createRadarNotices(deps.notices);
  /** Scans under way (the operator's and the re-scan's): the re-scan waits while any runs. */
  let underWay = 0;
  async function scanAndNotify(request: RadarRequest, signal: AbortSignal | undefined, remember: boolean): Promise<RadarReport> {
    underWay += 1;
    try {
      const report = await scan(request, signal);
      if (remember) reports.remember(report);
      notice(report, RadarRequestSchema.parse(request).expiryWindowDays);
      return report;
    } finally {
      underWay -= 1;
    }
  }
  return {
    scan: (request: RadarRequest, signal?: AbortSignal) => scanAndNotify(request, signal, true),
    /** The re-scan's (watch.ts): notices only; the report the window shows and "Save report" writes stays the operator's last. */
    rescan: (request: RadarRequest, signal?: AbortSignal) => scanAndNotify(request, signal, false),
    scanning: (): boolean => underWay > 0,
    saveReport: reports.save,
    runningImages: createRunningImages({ contexts: deps.contexts, api: deps.api, contextConcurrency: deps.contextConcurrency ?? 8 }),
  };
}
export type Radar = ReturnType<typeof createRadar>;
