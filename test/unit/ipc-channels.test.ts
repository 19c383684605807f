import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../main/composition';
import { createEventSink } from '../../main/events/event-sink';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import type { AccessSettings } from '../../shared/access-settings';
import { AppErrorSchema, type Result } from '../../shared/errors';
import { isErrorCode } from '../../shared/i18n';
import { CHANNELS, IPC_CONTRACT, type Channel, type RequestOf } from '../../shared/ipc-contract';
import type { RegistryInput } from '../../shared/schemas';
import { makeServiceAccountKey } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';
import { createMemorySecretStore } from '../support/memory-secret-store';

// Every channel of the contract, enumerated: a handler for each, malformed requests refused with a
// typed error before any service runs, foreign senders refused, and no response carrying a secret.
// A channel without a sample below fails the suite, so a new channel cannot slip through untested.

// Nothing in this file may leave the machine: every address is a closed port on loopback.
const CLOSED = 'https://127.0.0.1:9';

interface Context {
  /** One saved registry per secret kind, holding the known secrets. */
  ids: { docker: string; ecr: string; gcr: string; other: string };
  /** A fresh registry for calls that delete or change it. */
  newRegistry(): Promise<string>;
}
type Sample<C extends Channel> = (context: Context) => RequestOf<C> | Promise<RequestOf<C>>;

const secret = (label: string) => `${label}-${randomBytes(16).toString('hex')}`;
const known = {
  docker: secret('docker-token'),
  ecr: `wJalrXUtnFEMI/${randomBytes(12).toString('hex')}+EXAMPLEKEY`.slice(0, 40),
  other: secret('harbor-password'),
  draft: secret('draft-password'),
  serviceAccountJson: makeServiceAccountKey({ token_uri: `${CLOSED}/token` }),
};
const privateKey = (JSON.parse(known.serviceAccountJson) as { private_key: string }).private_key;

const dockerInput = (name: string, password = known.docker): RegistryInput => ({
  type: 'docker', name, url: `${CLOSED}/docker`, username: 'octo', password,
});
const accessSettings: AccessSettings = {
  mode: 'inject-selected',
  allClusters: false,
  contexts: ['kind-test'],
  scope: { namespaces: { kind: 'list', names: ['apps'] }, serviceAccounts: { kind: 'default' } },
  contextScopes: {},
  credential: { type: 'registry-credentials', secretName: 'hub-pull-secret' },
};

const SAMPLES: { [C in Channel]?: Sample<C> } = {
  'ipc:cancel': () => ({ callId: randomUUID() }),
  'registries:list': () => ({}),
  'registries:get': ({ ids }) => ({ id: ids.docker }),
  'registries:create': () => ({ input: dockerInput(`New ${randomBytes(3).toString('hex')}`, secret('created')) }),
  'registries:update': async ({ newRegistry }) => ({ id: await newRegistry(), input: dockerInput(`Edited ${randomBytes(3).toString('hex')}`, '') }),
  'registries:delete': async ({ newRegistry }) => ({ id: await newRegistry() }),
  'registries:set-default': async ({ newRegistry }) => ({ id: await newRegistry() }),
  'certificates:inspect': () => ({ pem: privateKey }),
  'preferences:get': () => ({}),
  'preferences:set': () => ({ language: 'zh-CN' }),
  'keychain:status': () => ({}),
  'clusters:list': () => ({}),
  'clusters:probe': () => ({ contexts: ['kind-test'] }),
  'clusters:namespaces': () => ({ context: 'kind-test', search: 'app', limit: 50 }),
  'access:save': ({ ids }) => ({ registryId: ids.docker, settings: accessSettings }),
  'access:preview': ({ ids }) => ({ registryId: ids.docker, settings: accessSettings }),
  'access:preview-cleanup': ({ ids }) => ({ registryId: ids.docker }),
  'access:apply': () => ({ operationId: randomUUID(), planId: 'plan-that-does-not-exist', confirmRemovals: false }),
  'access:status': ({ ids }) => ({ registryId: ids.docker }),
  'access:refresh-state': () => ({}),
  'access:refresh-now': ({ ids }) => ({ registryId: ids.ecr }),
  'access:preview-objects': () => ({ planId: 'plan_gone', context: 'kind-test', namespace: 'apps' }),
  'cluster-sync:detect': () => ({ contexts: ['kind-test'] }),
  'cluster-sync:preview': ({ ids }) => ({
    registryId: ids.docker,
    settings: { ...accessSettings, clusterSync: { 'kind-test': { engine: 'reflector', sourceNamespace: 'registry-desk', identity: { kind: 'source-secret' }, wireServiceAccounts: false } } },
  }),
  'cluster-sync:preview-cleanup': ({ ids }) => ({ registryId: ids.docker }),
  'cluster-sync:apply': () => ({ operationId: randomUUID(), planId: 'plan_gone', confirmRemovals: false, takeOver: false }),
  'cluster-sync:status': ({ ids }) => ({ registryId: ids.docker }),
  'cluster-sync:export': ({ ids }) => ({ registryId: ids.docker }),
  'cluster-sync:save-export': ({ ids }) => ({ registryId: ids.docker }),
  'diagnostics:get': () => ({}),
  'diagnostics:report': () => ({}),
  'diagnostics:copy-report': () => ({}),
  'connection:test-draft': ({ ids }) => ({
    id: ids.other,
    testId: 'draft-1',
    input: { type: 'other', name: 'Harbor draft', url: `${CLOSED}/harbor`, username: 'admin', password: known.draft, connection: 'secure' },
  }),
  'connection:test-registry': ({ ids }) => ({ id: ids.docker, testId: 'registry-1' }),
  'connection:test-all': () => ({ testId: 'all-1' }),
  'connection:last-results': () => ({}),
  'import:scan-workstation': () => ({}),
  'import:scan-text': () => ({ text: JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from(`octo:${known.draft}`).toString('base64') } } }), label: 'config.json' }),
  'import:scan-cluster-secret': () => ({ context: 'kind-test', namespace: 'default', name: 'regcred' }),
  'import:apply': () => ({ scanId: 'scan_0123456789abcdef', picks: [{ candidateId: 'c0', test: false }] }),
  'import:discard': () => ({ scanId: 'scan_0123456789abcdef' }),
  'export:secret-manifest': ({ ids }) => ({ registryId: ids.docker, format: 'docker-config-json', name: 'hub-pull-secret', namespace: 'default', confirmedContainsPassword: true }),
  'export:settings': () => ({}),
  'settings-import:preview': () => ({ text: JSON.stringify({ format: 'registry-desk-settings', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', registries: [] }) }),
  'settings-import:apply': () => ({ previewId: 'scan_0123456789abcdef', choices: [{ index: 0, action: 'skip', useWorkstationLogin: false }] }),
  'pull-doctor:find': ({ ids }) => ({ contexts: ['kind-test'], namespaces: ['apps'], registryId: ids.docker }),
  'pull-doctor:check-image': () => ({ context: 'kind-test', namespace: 'apps', image: 'nginx:1.27', serviceAccount: 'default' }),
  'pull-doctor:add-to-service-account': ({ ids }) => ({ context: 'kind-test', namespace: 'apps', serviceAccount: 'default', secret: 'hub-pull-secret', registryId: ids.docker }),
  'radar:scan': () => ({ contexts: ['kind-test'], expiryWindowDays: 14 }),
  'radar:save-report': () => ({ format: 'csv' }),
  'browse:repositories': ({ ids }) => ({ registryId: ids.docker, pageSize: 50, filter: 'team' }),
  'browse:tags': ({ ids }) => ({ registryId: ids.docker, repository: 'team/app', pageSize: 100 }),
  'browse:image': ({ ids }) => ({ registryId: ids.docker, repository: 'team/app', reference: 'v1.2' }),
  'tools:overview': () => ({}),
  'tools:preview': ({ ids }) => ({ registryIds: [ids.docker], removePlainText: true }),
  'tools:apply': () => ({ previewId: '0123456789abcdef0123456789abcdef' }),
  'tools:undo': () => ({ undoId: '0123456789abcdef0123456789abcdef' }),
  'tools:delete-backups': () => ({}),
  'tools:install-helper': () => ({}),
  'tools:undo-launcher': () => ({ undoId: '0123456789abcdef0123456789abcdef' }),
  'tools:doctor': () => ({}),
  'tools:doctor-test': () => ({ host: 'registry.example.com', tool: 'docker' }),
  'browse:runs': ({ ids }) => ({ registryId: ids.docker, repository: 'team/app', reference: 'v1.2' }),
  'browse:pull-limits': ({ ids }) => ({ registryId: ids.docker }),
};

/** Every spelling of every known secret a response could carry. */
function secretSpellings(): string[] {
  const values = [known.docker, known.ecr, known.other, known.draft, known.serviceAccountJson, JSON.stringify(JSON.parse(known.serviceAccountJson)), privateKey];
  return values.flatMap((value) => [
    value,
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value).toString('base64'),
    Buffer.from(`octo:${value}`).toString('base64'),
    Buffer.from(`AWS:${value}`).toString('base64'),
  ]);
}

type Path = (string | number)[];
interface Leaf { path: Path; value: unknown }

/** Every value in a request, with its path; objects and arrays included, the root too. */
function nodes(value: unknown, path: Path = []): Leaf[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => nodes(item, [...path, index]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => nodes(item, [...path, key]))
      : [];
  return [{ path, value }, ...children];
}

function replaced(root: unknown, path: Path, change: (value: unknown) => unknown): unknown {
  if (path.length === 0) return change(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item, index) => (index === head ? replaced(item, rest, change) : item));
  const record = root as Record<string, unknown>;
  return { ...record, [head as string]: replaced(record[head as string], rest, change) };
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '12345';
  if (typeof value === 'boolean') return 'true';
  if (value === null) return { null: true };
  if (Array.isArray(value)) return 'not an array';
  return 'not an object';
}

const OVERSIZE = 'x'.repeat(4 * 1024 * 1024);
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The malformed variants of one valid request: what a compromised or buggy renderer could send. */
function fuzzTable(sample: unknown): { what: string; request: unknown }[] {
  const rows: { what: string; request: unknown }[] = [
    { what: 'no request at all', request: undefined },
    ...[null, 42, 'text', true, [], [sample]].map((request) => ({ what: `request is ${JSON.stringify(request)}`, request })),
  ];
  for (const { path, value } of nodes(sample)) {
    const at = path.join('.') || '(request)';
    if (path.length > 0) rows.push({ what: `${at}: wrong type`, request: replaced(sample, path, wrongType) });
    if (typeof value === 'string') rows.push({ what: `${at}: oversize string`, request: replaced(sample, path, () => OVERSIZE) });
    if (isPlainObject(value)) {
      rows.push({ what: `${at}: unknown field`, request: replaced(sample, path, (object) => ({ ...(object as object), unexpectedField: 'x' })) });
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        // An own property named "__proto__", as structured clone over IPC and JSON.parse create it.
        const withKey = (object: unknown) =>
          Object.defineProperty({ ...(object as object) }, key, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
        rows.push({ what: `${at}: "${key}" key`, request: replaced(sample, path, withKey) });
      }
    }
  }
  return rows;
}

describe('every IPC channel of the contract', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rd-channels-'));
  const secrets = createMemorySecretStore();
  const clipboard: string[] = [];
  const logLines: string[] = [];
  let services: Services;
  let client: ReturnType<typeof createIpcClient>;
  let context: Context;
  const settingsFile = join(dataDir, 'settings.json');
  const snapshot = () => ({ settings: existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '', secrets: JSON.stringify([...secrets.entries]) });

  beforeAll(async () => {
    // Whatever kubeconfig the developer has must never be contacted by this test.
    const kubeconfig = join(dataDir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    process.env.KUBECONFIG = kubeconfig;
    const record = (level: string) => (message: string, fields?: Record<string, unknown>) => logLines.push(JSON.stringify({ level, message, ...fields }));
    const logger = { info: record('info'), warn: record('warn'), error: record('error') };
    services = createServices({
      settings: new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: dataDir, projectName: 'registry-desk-test' }),
      secrets,
      clock: { now: () => new Date() },
      logger,
      events: createEventSink(() => undefined, logger),
      ecrEndpoint: 'http://127.0.0.1:9',
      connectionNetwork: { connectTo: () => ({ host: '127.0.0.1', port: 9 }), proxyEnv: {}, connectTimeoutMs: 2000, timeoutMs: 5000 },
      shell: { app: { name: 'Registry Desk', version: '0.1.0', packaged: true }, log: null, writeClipboard: async (text) => void clipboard.push(text) },
    });
    client = createIpcClient(services, logger);
    const create = async (input: RegistryInput) => {
      const result = await client.invoke('registries:create', { input });
      if (!result.ok) throw new Error(`fixture ${input.name}: ${JSON.stringify(result.error)}`);
      return result.value.id;
    };
    context = {
      ids: {
        docker: await create(dockerInput('Hub')),
        ecr: await create({ type: 'ecr', name: 'ECR', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: known.ecr }),
        gcr: await create({ type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson: known.serviceAccountJson }),
        other: await create({ type: 'other', name: 'Harbor', url: `${CLOSED}/harbor`, username: 'admin', password: known.other, connection: 'secure' }),
      },
      newRegistry: () => create(dockerInput(`Spare ${randomBytes(4).toString('hex')}`, secret('spare'))),
    };
  });
  afterAll(() => {
    delete process.env.KUBECONFIG;
  });

  it('has a handler registered for each channel, and no handler for anything else', () => {
    expect([...client.channels].sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS.map((channel) => [channel]))('%s has a valid sample request in this test', async (channel) => {
    const sample = SAMPLES[channel] as Sample<Channel> | undefined;
    expect(sample, `add a sample request for the new channel "${channel}" to SAMPLES in ${import.meta.filename}`).toBeTypeOf('function');
    const request = await sample!(context);
    const parsed = IPC_CONTRACT[channel].request.safeParse(request);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it.each(CHANNELS.map((channel) => [channel]))('%s refuses malformed requests with a typed error and stores nothing', async (channel) => {
    const sample = SAMPLES[channel] as Sample<Channel> | undefined;
    expect(sample, `no sample for ${channel}`).toBeTypeOf('function');
    const table = fuzzTable(await sample!(context));
    expect(table.length).toBeGreaterThanOrEqual(8);
    const before = snapshot();
    for (const row of table) {
      const result = await client.call(channel, row.request);
      expect(result.ok, `${channel} accepted ${row.what}`).toBe(false);
      if (result.ok) continue;
      expect(AppErrorSchema.safeParse(result.error).success, row.what).toBe(true);
      expect(result.error.code, `${channel}, ${row.what}: ${JSON.stringify(result.error)}`).toBe('ipc.invalidRequest');
      expect(result.error.fieldErrors?.length, row.what).toBeGreaterThan(0);
      for (const fieldError of result.error.fieldErrors ?? []) expect(isErrorCode(fieldError.code), fieldError.code).toBe(true);
      if (row.what === '(request): unknown field') {
        expect(result.error.fieldErrors).toContainEqual({ field: 'unexpectedField', code: 'field.unknown' });
      }
      expect(({} as Record<string, unknown>).polluted, `${row.what} polluted Object.prototype`).toBeUndefined();
    }
    expect(snapshot(), 'a refused request changed the settings or the keychain').toEqual(before);
  });

  it.each(CHANNELS.map((channel) => [channel]))('%s refuses a foreign sender before doing anything', async (channel) => {
    const sample = SAMPLES[channel] as Sample<Channel> | undefined;
    expect(sample, `no sample for ${channel}`).toBeTypeOf('function');
    const request = await sample!(context);
    const before = snapshot();
    for (const sender of ['https://evil.example/index.html', 'app://registry-desk.evil/index.html', '']) {
      const result: Result<unknown> = await client.call(channel, request, sender);
      expect(result, sender).toMatchObject({ ok: false, error: { code: 'ipc.forbiddenSender' } });
    }
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['a number', 42],
    ['not a UUID', 'not-a-uuid'],
    ['an object', { callId: randomUUID() }],
    ['an oversize string', OVERSIZE],
  ])('refuses a call id that is %s, beside a valid request', async (_what, callId) => {
    const result = await client.call('registries:list', {}, undefined, callId);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'ipc.invalidRequest', fieldErrors: [{ field: 'callId', code: 'field.invalidType' }] }) });
  });

  it('answers a call sent with an id, and cancels nothing once it has finished', async () => {
    const callId = randomUUID();
    expect(await client.call('registries:list', {}, undefined, callId)).toMatchObject({ ok: true });
    expect(await client.call('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('never answers with a stored secret, whatever the channel', async () => {
    const responses: { channel: Channel; text: string }[] = [];
    for (const channel of CHANNELS) {
      const sample = SAMPLES[channel] as Sample<Channel> | undefined;
      expect(sample, `no sample for ${channel}`).toBeTypeOf('function');
      const result = await client.call(channel, await sample!(context));
      responses.push({ channel, text: JSON.stringify(result) });
    }
    // The calls really ran: reads answered, and the report reached the clipboard.
    expect(JSON.parse(responses.find((entry) => entry.channel === 'registries:list')?.text ?? '{}')).toMatchObject({ ok: true });
    expect(clipboard).toHaveLength(1);
    for (const spelling of secretSpellings()) {
      for (const { channel, text } of responses) expect(text.includes(spelling), `${channel} answered with a secret`).toBe(false);
      expect(clipboard[0]?.includes(spelling)).toBe(false);
    }
    expect(secrets.entries.size).toBeGreaterThanOrEqual(4);
  });
});
