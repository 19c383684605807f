import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../main/composition';
import { createEventSink } from '../../main/events/event-sink';
import { AppErrorSchema } from '../../shared/errors';
import { errorText } from '../../shared/i18n';
import type { EventName } from '../../shared/ipc-contract';
import type { Preferences, RegistryView } from '../../shared/schemas';
import { createIpcClient } from '../support/ipc-client';
import { createMemorySecretStore } from '../support/memory-secret-store';
import { createRecordingLogger, createTestServices, type TestServices } from '../support/services';

// Main checks what it sends, not only what it receives: a reply or an event payload that breaks its
// schema is a defect of main, and must not reach the window as it is — least of all the value in
// it, which may be a secret. The services are the real ones; one method stands in for the defect.

const SECRET = `dckr_pat_${randomBytes(16).toString('hex')}`;

let testServices: TestServices;
/** A saved registry, as registries:list answers it. */
let view: RegistryView;

beforeAll(async () => {
  testServices = await createTestServices({ dataDir: mkdtempSync(join(tmpdir(), 'rd-reply-')), keychainService: 'unused', secrets: createMemorySecretStore() });
  view = await testServices.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password: SECRET });
});

afterAll(async () => {
  await testServices.close();
});

/** The real services, with `preferences:get` answering what a broken service would. */
function answeringPreferences(reply: () => Promise<unknown>): Services {
  const { services } = testServices;
  return { ...services, preferences: { ...services.preferences, get: reply as () => Promise<Preferences> } };
}

describe('IPC replies', () => {
  it('withholds a reply that breaks its schema: the window gets ipc.invalidReply naming the channel and the place, never the value', async () => {
    const logLines: string[] = [];
    const real = await testServices.services.preferences.get();
    const ipc = createIpcClient(answeringPreferences(async () => ({ ...real, language: SECRET })), createRecordingLogger(logLines));

    const result = await ipc.call('preferences:get', {});

    expect(result.ok).toBe(false);
    const error = AppErrorSchema.parse(!result.ok && result.error);
    expect(error).toEqual({ code: 'ipc.invalidReply', message: errorText('en', 'ipc.invalidReply', { channel: 'preferences:get', path: 'language' }), params: { channel: 'preferences:get', path: 'language' } });
    expect(error.message).toContain('preferences:get (at language)');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(logLines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { level: 'error', message: 'ipc reply withheld: it does not match its schema', channel: 'preferences:get', path: 'language', issue: 'invalid_value' },
    ]);
  });

  it('names a nested place by field names and indexes', async () => {
    const { services } = testServices;
    const broken: Services = { ...services, registries: { ...services.registries, list: async () => [{ ...view, storedSecrets: { ...view.storedSecrets, password: SECRET as unknown as boolean } }] } };
    const logLines: string[] = [];

    const result = await createIpcClient(broken, createRecordingLogger(logLines)).call('registries:list', {});

    expect(!result.ok && result.error.params).toEqual({ channel: 'registries:list', path: '0.storedSecrets.password' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(logLines.join('\n')).not.toContain(SECRET);
  });

  it('sends the reply as its schema reads it: a key the schema does not name stays in main', async () => {
    const { services } = testServices;
    const leaky: Services = { ...services, registries: { ...services.registries, list: async () => [{ ...view, password: SECRET }] } };

    const result = await createIpcClient(leaky, createRecordingLogger([])).call('registries:list', {});

    expect(result).toEqual({ ok: true, value: [view] });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('refuses a reply with a key its strict schema does not name, naming the key alone', async () => {
    const real = await testServices.services.preferences.get();
    const ipc = createIpcClient(answeringPreferences(async () => ({ ...real, password: SECRET })), createRecordingLogger([]));

    const result = await ipc.call('preferences:get', {});

    expect(!result.ok && result.error.params).toEqual({ channel: 'preferences:get', path: 'password' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('answers a reply that matches its schema unchanged', async () => {
    const real = await testServices.services.preferences.get();
    const ipc = createIpcClient(testServices.services, createRecordingLogger([]));

    expect(await ipc.call('preferences:get', {})).toEqual({ ok: true, value: real });
  });
});

describe('events main pushes to the window', () => {
  const sinkRecording = () => {
    const delivered: { event: EventName; payload: unknown }[] = [];
    const logLines: string[] = [];
    const sink = createEventSink((event, payload) => delivered.push({ event, payload }), createRecordingLogger(logLines));
    return { sink, delivered, logLines };
  };

  it('delivers a payload that matches its schema, as the schema reads it', () => {
    const { sink, delivered, logLines } = sinkRecording();
    const payload = { registryId: 'reg_0123456789abcdef', host: 'registry-1.docker.io', seconds: 3, token: SECRET };

    sink.emit('event:browse-wait', payload);

    // A key the schema does not name is not sent to the window.
    expect(delivered).toEqual([{ event: 'event:browse-wait', payload: { registryId: 'reg_0123456789abcdef', host: 'registry-1.docker.io', seconds: 3 } }]);
    expect(logLines).toEqual([]);
  });

  it('drops a payload that breaks its schema, logged by place and never by value, without failing the work that emits it', () => {
    const { sink, delivered, logLines } = sinkRecording();

    expect(() => sink.emit('event:browse-wait', { registryId: 'reg_0123456789abcdef', host: 'registry-1.docker.io', seconds: SECRET as unknown as number })).not.toThrow();

    expect(delivered).toEqual([]);
    expect(logLines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { level: 'error', message: 'ipc event dropped: its payload does not match its schema', event: 'event:browse-wait', path: 'seconds', issue: 'invalid_type' },
    ]);
  });
});
