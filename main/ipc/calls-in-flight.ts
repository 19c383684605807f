import type { Disposable } from '../lifecycle/disposables';

/** One call main is answering: its signal aborts when the window cancels it or the app quits. */
interface CallInFlight {
  signal: AbortSignal;
  /** The call has answered: its id is free again and nothing aborts it any more. */
  end(): void;
}

/** The calls main is answering; those the window sent with an id can be cancelled by that id. */
export function createCallsInFlight() {
  const running = new Set<AbortController>();
  const byId = new Map<string, AbortController>();
  const calls = {
    /** An id already in use would make the first call impossible to cancel. */
    isInUse: (callId: string): boolean => byId.has(callId),
    begin(callId?: string): CallInFlight {
      const controller = new AbortController();
      running.add(controller);
      if (callId !== undefined) byId.set(callId, controller);
      return {
        signal: controller.signal,
        end() {
          running.delete(controller);
          if (callId !== undefined) byId.delete(callId);
        },
      };
    },
    /** False when no such call runs (it has answered, or never started) or it is already cancelled. */
    cancel(callId: string): boolean {
      const controller = byId.get(callId);
      if (!controller || controller.signal.aborted) return false;
      controller.abort();
      return true;
    },
    dispose(): void {
      for (const controller of running) controller.abort();
    },
  };
  return calls satisfies Disposable;
}
