import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../main/composition';
import { createEventSink } from '../../main/events/event-sink';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import { keytar } from '../support/real-keytar';
import { systemClock } from '../../main/logging/clock';
import { createFileLogger } from '../../main/logging/file-logger';
import type { Logger } from '../../main/logging/logger';
import { createRedactor, REDACTED } from '../../main/logging/redaction';
import { openRotatingLogFile } from '../../main/logging/rotating-log-file';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { SecretKindSchema } from '../../shared/registry-types';
import { makeCertificateAuthority, makeServiceAccountKey } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';

// The app's real logging path (shared redactor, rotating file, real keychain) under every service
// that handles a secret; then every log generation is searched for every secret, in every spelling.

const CLOSED = 'https://127.0.0.1:9';
const secret = (label: string) => `${label}-${randomBytes(16).toString('hex')}`;

describe('secrets never reach the log files', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rd-log-redaction-'));
  const logFolder = join(dataDir, 'logs');
  const keychainService = `registry-desk-log-test-${randomBytes(4).toString('hex')}`;
  const keychain = createKeytarSecretStore(keychainService, keytar);
  const clipboard: string[] = [];
  const known: string[] = [];
  const remember = (value: string) => {
    known.push(value);
    return value;
  };
  let services: Services;
  let logger: Logger;
  let client: ReturnType<typeof createIpcClient>;

  const logFiles = () => readdirSync(logFolder).map((name) => join(logFolder, name));
  const spellings = (value: string) => [value, JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64')];

  beforeAll(async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('No D-Bus session: run with `npm test` or test/run-with-keyring.sh');
    const kubeconfig = join(dataDir, 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    process.env.KUBECONFIG = kubeconfig;
    const redactor = createRedactor();
    // Small generations, so the run rotates and the search covers more than one file.
    const file = openRotatingLogFile({ folder: logFolder, maxBytes: 4096, keep: 50 });
    logger = createFileLogger({ file, redactor, clock: systemClock });
    services = createServices({
      settings: new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: dataDir, projectName: 'registry-desk-test' }),
      secrets: keychain,
      clock: systemClock,
      logger,
      redactor,
      events: createEventSink(() => undefined, logger),
      ecrEndpoint: 'http://127.0.0.1:9',
      connectionNetwork: { connectTo: () => ({ host: '127.0.0.1', port: 9 }), proxyEnv: {}, connectTimeoutMs: 2000, timeoutMs: 5000 },
      shell: { app: { name: 'Registry Desk', version: '0.1.0', packaged: true }, log: { folder: logFolder, file: file.path }, writeClipboard: async (text) => void clipboard.push(text) },
    });
    client = createIpcClient(services, logger);
  });

  afterAll(async () => {
    delete process.env.KUBECONFIG;
    for (const record of services?.settings.read().registries ?? []) {
      for (const kind of SecretKindSchema.options) await keychain.delete(`${record.id}/${kind}`);
    }
  });

  it('through registries, connection tests, certificates and diagnostics', async () => {
    const call = async (channel: string, request: unknown) => {
      const result = await client.call(channel, request);
      return result.ok ? (result.value as { id?: string }) : {};
    };
    const keyJson = makeServiceAccountKey({ token_uri: `${CLOSED}/token` });
    remember(keyJson);
    remember(JSON.stringify(JSON.parse(keyJson)));
    const keyLine = (JSON.parse(keyJson) as { private_key: string }).private_key.split('\n')[1] ?? '';

    const hub = await call('registries:create', { input: { type: 'docker', name: 'Hub', url: `${CLOSED}/hub`, username: 'octo', password: remember(secret('hub')) } });
    const ecr = await call('registries:create', {
      input: { type: 'ecr', name: 'ECR', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: remember(`wJalr/${randomBytes(15).toString('hex')}+Q`.slice(0, 40)) },
    });
    await call('registries:create', { input: { type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson: keyJson } });
    const harbor = await call('registries:create', {
      input: { type: 'other', name: 'Harbor', url: `${CLOSED}/harbor`, username: 'admin', password: remember(secret('harbor')), connection: 'secure-with-ca', caCertificate: makeCertificateAuthority().certificate },
    });
    await call('registries:create', { input: { type: 'quay', name: 'Quay', url: `${CLOSED}/quay`, username: 'org+robot', password: remember(secret('quay')) } });
    await call('registries:update', { id: hub.id, input: { type: 'docker', name: 'Hub', url: `${CLOSED}/hub`, username: 'octo', password: remember(secret('hub-rotated')) } });
    // Refused input that quotes secrets back: a duplicate name, a password with a line break.
    await call('registries:create', { input: { type: 'docker', name: 'Hub', url: `${CLOSED}/hub`, username: 'octo', password: remember(secret('dup')) } });
    await call('registries:create', { input: { type: 'docker', name: 'Broken', url: `${CLOSED}/x`, username: 'octo', password: remember(`${secret('broken')}\nx`) } });
    await call('certificates:inspect', { pem: makeCertificateAuthority().privateKey });
    await call('connection:test-draft', { testId: 'draft', input: { type: 'docker', name: 'Draft', url: `${CLOSED}/draft`, username: 'octo', password: remember(secret('draft')) } });
    await call('connection:test-registry', { id: ecr.id, testId: 'ecr' });
    await call('connection:test-all', { testId: 'all' });
    await call('diagnostics:copy-report', {});
    await call('registries:delete', { id: harbor.id });

    const text = logFiles().map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(text.length).toBeGreaterThan(0);
    expect(keyLine.length).toBeGreaterThan(40);
    expect(text.includes(keyLine), 'a line of the private key is in the log').toBe(false);
    for (const value of known.filter(Boolean)) {
      for (const spelling of spellings(value)) expect(text.includes(spelling), `a secret (${value.slice(0, 6)}…) is in the log`).toBe(false);
      expect(clipboard.join('\n').includes(value)).toBe(false);
    }
  });

  it('including a careless log line that quotes them, in any generation', () => {
    // What a future bug would do: log a secret outright. The redactor knows each one from the keychain or the request.
    for (const value of known.filter(Boolean)) logger.warn('careless', { detail: `value ${value}`, body: JSON.stringify({ note: value }) });
    for (let index = 0; index < 40; index += 1) logger.info('filler', { index, padding: 'x'.repeat(200) });
    const files = logFiles();
    expect(files.length).toBeGreaterThan(2);
    const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(text).toContain(REDACTED);
    expect(text.match(/"message":"careless"/g)?.length).toBe(known.filter(Boolean).length);
    for (const value of known.filter(Boolean)) {
      for (const spelling of spellings(value)) expect(text.includes(spelling), `a secret (${value.slice(0, 6)}…) is in the log`).toBe(false);
    }
  });
});
