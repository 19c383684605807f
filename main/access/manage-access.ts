import type { ApplyRequest, ApplyResult } from '../../shared/access-contract';
import type { RegistryId } from '../../shared/schemas';
import type { Clusters } from '../clusters';
import type { EventSink } from '../events/event-sink';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { SettingsRepository } from '../settings/settings-repository';
import { createAccessPlans, type CredentialSource } from './access-plans';
import { createEcrRefresh } from './ecr-refresh';
import type { Timers } from '../logging/timers';
import { createOperations } from './operations';

export interface AccessDependencies {
  settings: SettingsRepository;
  clusters: Pick<Clusters, 'api' | 'contextNames'>;
  credentials: CredentialSource;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  events: EventSink;
  concurrency?: number;
  serviceAccountWaitMs?: number;
}

/** Manage access: pull secrets in the kubeconfig's clusters, and keeping ECR ones alive. */
export function createAccess(deps: AccessDependencies) {
  const operations = createOperations(deps.events);
  const access = createAccessPlans({ ...deps, operations });
  const refresh = createEcrRefresh({ settings: deps.settings, access, clock: deps.clock, timers: deps.timers, events: deps.events, logger: deps.logger });
  let started: Promise<void> | undefined;

  /** An apply or cleanup changes what expires when: the refresh schedule follows. */
  async function apply(request: ApplyRequest, signal?: AbortSignal): Promise<ApplyResult> {
    const result = await access.apply(request, signal);
    await refresh.track(result.registryId).catch((error: unknown) => deps.logger.warn('ecr refresh could not be rescheduled', { registryId: result.registryId, error: error instanceof Error ? error.name : 'unknown' }));
    return result;
  }

  return {
    save: access.save,
    preview: access.preview,
    previewCleanup: access.previewCleanup,
    sentObjects: access.sentObjects,
    apply,
    status: access.status,
    refreshState: () => refresh.state(),
    refreshNow: (registryId: RegistryId) => refresh.refreshNow(registryId),
    /** Schedules the ECR refresh of what is already injected; idempotent. */
    start(): Promise<void> {
      started ??= refresh.start();
      return started;
    },
    stop(): void {
      refresh.stop();
      operations.cancelAll();
    },
  };
}
export type Access = ReturnType<typeof createAccess>;
