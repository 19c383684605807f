import type { ConnectionResult } from '../../shared/connection-contract';
import type { RegistryType } from '../../shared/registry-types';
import type { RegistryId, RegistryInput, RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { EventSink } from '../events/event-sink';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { SecretBindingChoice } from '../registries';
import type { EcrTokenSource } from '../registry-credentials/ecr-token-source';
import type { SettingsRepository } from '../settings/settings-repository';
import type { ConnectionNetwork } from '../registry-http/connection-network';
import { draftTarget } from './draft-target';
import { runConnectionTest, type ConnectionTarget } from './run-connection-test';

export interface ConnectionTestsDependencies {
  settings: SettingsRepository;
  secrets: RegistrySecrets;
  ecr: EcrTokenSource;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  network: ConnectionNetwork;
}

function savedTarget(record: RegistryRecord, secrets: RegistrySecrets): ConnectionTarget {
  return {
    registryId: record.id,
    subject: record,
    transport: { mode: record.connection ?? 'secure', caCertificates: record.caCertificate },
    secretOf: (kind) => secrets.read(record.id, kind),
  };
}

/** "Test connection" for a form, for one saved registry, and for all of them at once. */
export function createConnectionTests(deps: ConnectionTestsDependencies) {
  const running = new Set<string>();
  const records = () => deps.settings.read().registries;

  /** Kept in the settings file; results of deleted registries are dropped on the next write. */
  function remember(id: RegistryId, result: ConnectionResult): void {
    deps.settings.update((file) => {
      const known = new Set(file.registries.map((record) => record.id));
      const kept = Object.entries(file.connectionResults ?? {}).filter(([registryId]) => known.has(registryId));
      return { ...file, connectionResults: Object.fromEntries([...kept, [id, result]]) };
    });
  }

  /** One test per id at a time: the id is how the window matches progress to its test. */
  async function once<T>(testId: string, work: () => Promise<T>): Promise<T> {
    if (running.has(testId)) throw new AppFailure('connection.alreadyRunning');
    running.add(testId);
    try {
      return await work();
    } finally {
      running.delete(testId);
    }
  }

  async function run(target: ConnectionTarget, signal: AbortSignal, type: RegistryType): Promise<ConnectionResult> {
    const result = await runConnectionTest(target, deps, signal);
    deps.logger.info('connection tested', {
      registryId: target.registryId ?? null,
      type,
      ok: result.ok,
      step: result.step ?? null,
      code: result.error?.code ?? null,
      roundTrips: result.roundTrips,
      durationMs: result.durationMs,
    });
    return result;
  }

  async function testSaved(record: RegistryRecord, signal: AbortSignal): Promise<ConnectionResult> {
    const result = await run(savedTarget(record, deps.secrets), signal, record.type);
    if (result.error?.code !== 'connection.cancelled') remember(record.id, result);
    return result;
  }

  function findRecord(id: RegistryId): RegistryRecord {
    const record = records().find((candidate) => candidate.id === id);
    if (!record) throw new AppFailure('registry.notFound');
    return record;
  }

  // `signal` aborts when the window cancels the call; without one (direct callers) a test runs to its timeout.
  return {
    testDraft(input: RegistryInput, id: RegistryId | undefined, testId: string, choice: SecretBindingChoice = {}, signal: AbortSignal = new AbortController().signal): Promise<ConnectionResult> {
      const target = draftTarget(input, id ? findRecord(id) : undefined, deps.clock.now(), deps.secrets, choice);
      return once(testId, () => run(target, signal, input.type));
    },
    testRegistry(id: RegistryId, testId: string, signal: AbortSignal = new AbortController().signal): Promise<ConnectionResult> {
      const record = findRecord(id);
      return once(testId, () => testSaved(record, signal));
    },
    testAll(testId: string, signal: AbortSignal = new AbortController().signal): Promise<ConnectionResult[]> {
      const all = records();
      let done = 0;
      return once(testId, () =>
        Promise.all(
          all.map(async (record) => {
            const result = await testSaved(record, signal);
            done += 1;
            deps.events.emit('event:connection-progress', { testId, done, total: all.length, result });
            return result;
          }),
        ),
      );
    },
    async lastResults(): Promise<ConnectionResult[]> {
      const file = deps.settings.read();
      return file.registries.flatMap((record) => file.connectionResults?.[record.id] ?? []);
    },
  };
}
export type ConnectionTests = ReturnType<typeof createConnectionTests>;
