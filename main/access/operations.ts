import { setMaxListeners } from 'node:events';
import type { AccessProgress } from '../../shared/access-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { EventSink } from '../events/event-sink';

/** Progress events are throttled to this: enough for a smooth bar, few enough for 5,000 namespaces. */
const PROGRESS_INTERVAL_MS = 100;

export interface Operation {
  operationId: string;
  registryId: string;
  kind: AccessProgress['kind'];
  signal: AbortSignal;
  /** Counts per context, sent throttled while running. */
  progress(contexts: AccessProgress['contexts']): void;
  /** The last event, always sent; frees the registry for the next operation. */
  finish(contexts: AccessProgress['contexts']): void;
}

/** Running applies, cleanups and refreshes: one per registry at a time, each cancellable by id. */
export function createOperations(events: EventSink) {
  const running = new Map<string, { registryId: string; controller: AbortController }>();

  function emit(operation: Omit<Operation, 'progress' | 'finish' | 'signal'>, state: AccessProgress['state'], contexts: AccessProgress['contexts']) {
    const sum = (key: 'total' | 'done' | 'failed') => contexts.reduce((total, context) => total + context[key], 0);
    events.emit('event:access-progress', {
      operationId: operation.operationId,
      registryId: operation.registryId,
      kind: operation.kind,
      state,
      total: sum('total'),
      done: sum('done'),
      failed: sum('failed'),
      contexts: contexts.map((context) => ({ ...context })),
    });
  }

  return {
    /** Throws access.busy when the registry already has one running, access.operationInUse for a reused id. */
    begin(operationId: string, registryId: string, kind: Operation['kind']): Operation {
      if (running.has(operationId)) throw new AppFailure('access.operationInUse');
      if ([...running.values()].some((entry) => entry.registryId === registryId)) throw new AppFailure('access.busy');
      const controller = new AbortController();
      // Every request in flight listens for cancellation: hundreds at once are expected, not a leak.
      setMaxListeners(0, controller.signal);
      running.set(operationId, { registryId, controller });
      const identity = { operationId, registryId, kind };
      let last = 0;
      return {
        ...identity,
        signal: controller.signal,
        progress(contexts) {
          const now = Date.now();
          if (now - last < PROGRESS_INTERVAL_MS) return;
          last = now;
          emit(identity, controller.signal.aborted ? 'cancelling' : 'running', contexts);
        },
        finish(contexts) {
          running.delete(operationId);
          emit(identity, controller.signal.aborted ? 'cancelled' : 'finished', contexts);
        },
      };
    },
    cancel(operationId: string): boolean {
      const entry = running.get(operationId);
      if (!entry || entry.controller.signal.aborted) return false;
      entry.controller.abort();
      return true;
    },
    isBusy: (registryId: string) => [...running.values()].some((entry) => entry.registryId === registryId),
    cancelAll(): void {
      for (const entry of running.values()) entry.controller.abort();
    },
  };
}
export type Operations = ReturnType<typeof createOperations>;
