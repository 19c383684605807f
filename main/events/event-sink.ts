import type { z } from 'zod';
import { EVENT_CONTRACT, type EventName, type EventOf } from '../../shared/ipc-contract';
import { firstIssuePath } from '../../shared/issue-path';

/** Where services report progress; the shell sends it to the window, tests record it. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
}

/** The part of main's logger the sink needs (this base folder does not import the logging one). */
interface EventLog {
  error(message: string, fields: Record<string, unknown>): void;
}

/**
 * Validates before delivery so the renderer only ever sees payloads that match the contract. A
 * payload that does not is dropped and logged by place, not value: a progress note that fails its
 * schema is a defect of main, and must neither reach the window nor fail the work it reports on.
 */
export function createEventSink(deliver: (event: EventName, payload: unknown) => void, log: EventLog): EventSink {
  return {
    emit(event, payload) {
      const parsed = (EVENT_CONTRACT[event] as z.ZodType).safeParse(payload);
      if (parsed.success) deliver(event, parsed.data);
      else log.error('ipc event dropped: its payload does not match its schema', { event, path: firstIssuePath(parsed.error.issues), issue: parsed.error.issues[0]?.code });
    },
  };
}
