import { randomUUID } from 'node:crypto';
import type { RefreshState, RegistryRefresh } from '../../shared/access-contract';
import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { EventSink } from '../events/event-sink';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { Timers } from '../logging/timers';
import type { SettingsRepository } from '../settings/settings-repository';
import type { AccessPlans } from './access-plans';
import { ECR_TOKEN_LIFETIME_MS } from '../registry-credentials/registry-login';

const HALF_LIFE_MS = ECR_TOKEN_LIFETIME_MS / 2;
/** After a failed refresh, try again after this (well inside the half of the token's life that is left). */
const RETRY_MS = 5 * 60 * 1000;

export interface EcrRefreshDependencies {
  settings: SettingsRepository;
  access: Pick<AccessPlans, 'status' | 'refreshRegistry' | 'isBusy'>;
  clock: Clock;
  timers: Timers;
  events: EventSink;
  logger: Logger;
}

/**
 * Keeps the ECR tokens in the clusters alive while the app runs: each registry's secrets are
 * renewed at half their 12-hour life. Nothing runs while the app is closed, and the UI says so.
 */
export function createEcrRefresh(deps: EcrRefreshDependencies) {
  const states = new Map<RegistryId, RegistryRefresh>();
  const timers = new Map<RegistryId, unknown>();
  // Aborts at stop (the app quits): cluster reads and writes under way end, and nothing is scheduled after.
  const quitting = new AbortController();

  const isInjectedEcr = (id: RegistryId) => deps.settings.read().registries.some((record) => record.id === id && record.type === 'ecr' && record.access);

  function publish(state: RegistryRefresh): RegistryRefresh {
    states.set(state.registryId, state);
    deps.events.emit('event:ecr-refresh', state);
    return state;
  }

  function schedule(registryId: RegistryId, at: Date): void {
    if (quitting.signal.aborted) return;
    deps.timers.clearTimeout(timers.get(registryId));
    const delay = Math.max(0, at.getTime() - deps.clock.now().getTime());
    timers.set(registryId, deps.timers.setTimeout(() => void refresh(registryId), delay));
  }

  function forget(registryId: RegistryId): void {
    deps.timers.clearTimeout(timers.get(registryId));
    timers.delete(registryId);
    states.delete(registryId);
  }

  /** Reads the expiry of the secrets in every context and schedules the next renewal from the earliest. */
  async function track(registryId: RegistryId, refreshedAt?: string): Promise<void> {
    if (!isInjectedEcr(registryId)) {
      forget(registryId);
      return;
    }
    const status = await deps.access.status(registryId, quitting.signal);
    const contexts = status.contexts
      .filter((context) => context.state === 'checked')
      .map((context) => ({
        context: context.context,
        expiresAt: context.expiresAt ?? null,
        namespaces: context.rows.filter((row) => row.secrets.some((secret) => secret.expiresAt)).length,
      }));
    const earliest = contexts.flatMap((context) => (context.expiresAt ? [context.expiresAt] : [])).sort()[0];
    const previous = states.get(registryId);
    const nextRefreshAt = earliest ? new Date(Date.parse(earliest) - HALF_LIFE_MS) : null;
    publish({
      registryId,
      state: nextRefreshAt ? 'scheduled' : 'idle',
      nextRefreshAt: nextRefreshAt?.toISOString() ?? null,
      lastRefreshAt: refreshedAt ?? previous?.lastRefreshAt ?? null,
      contexts,
    });
    if (nextRefreshAt) schedule(registryId, nextRefreshAt);
  }

  async function refresh(registryId: RegistryId): Promise<RegistryRefresh> {
    timers.delete(registryId);
    if (!isInjectedEcr(registryId)) {
      forget(registryId);
      return { registryId, state: 'idle', nextRefreshAt: null, lastRefreshAt: null, contexts: [] };
    }
    const previous = states.get(registryId);
    if (deps.access.isBusy(registryId)) {
      schedule(registryId, new Date(deps.clock.now().getTime() + RETRY_MS));
      return previous ?? publish({ registryId, state: 'scheduled', nextRefreshAt: null, lastRefreshAt: null, contexts: [] });
    }
    publish({ registryId, state: 'refreshing', nextRefreshAt: null, lastRefreshAt: previous?.lastRefreshAt ?? null, contexts: previous?.contexts ?? [] });
    try {
      const result = await deps.access.refreshRegistry(registryId, randomUUID(), quitting.signal);
      deps.logger.info('ecr tokens refreshed', { registryId, written: result.counts.done, failed: result.counts.failed });
      await track(registryId, deps.clock.now().toISOString());
    } catch (error) {
      const failure = error instanceof AppFailure ? error : new AppFailure('internal', { detail: error instanceof Error ? error.name : 'unknown error' });
      deps.logger.warn('ecr refresh failed', { registryId, code: failure.appError.code });
      const retryAt = new Date(deps.clock.now().getTime() + RETRY_MS);
      publish({ ...states.get(registryId)!, state: 'failed', lastError: failure.appError, nextRefreshAt: retryAt.toISOString() });
      schedule(registryId, retryAt);
    }
    return states.get(registryId)!;
  }

  return {
    /** At startup: learn the expiry of every injected ECR registry's secrets and schedule their renewal. */
    async start(): Promise<void> {
      const ecr = deps.settings.read().registries.filter((record) => record.type === 'ecr' && record.access);
      await Promise.all(
        ecr.map((record) =>
          track(record.id).catch((error: unknown) => deps.logger.warn('ecr refresh could not read the clusters', { registryId: record.id, error: error instanceof AppFailure ? error.appError.code : 'unknown' })),
        ),
      );
    },
    /** After an apply or cleanup of the registry: its secrets (and their expiry) changed. */
    track: (registryId: RegistryId) => track(registryId),
    refreshNow(registryId: RegistryId): Promise<RegistryRefresh> {
      const record = deps.settings.read().registries.find((candidate) => candidate.id === registryId);
      if (!record) throw new AppFailure('registry.notFound');
      if (record.type !== 'ecr') throw new AppFailure('access.notEcr');
      return refresh(registryId);
    },
    state(): RefreshState {
      return { registries: [...states.values()], stopsWhenAppCloses: true, now: deps.clock.now().toISOString() };
    },
    stop(): void {
      quitting.abort();
      for (const handle of timers.values()) deps.timers.clearTimeout(handle);
      timers.clear();
    },
  };
}
export type EcrRefresh = ReturnType<typeof createEcrRefresh>;
