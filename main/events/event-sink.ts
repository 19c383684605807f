import type { z } from 'zod';
import { EVENT_CONTRACT, type EventName, type EventOf } from '../../shared/ipc-contract';

/** Where services report progress; the shell sends it to the window, tests record it. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
}

/** Validates before delivery so the renderer only ever sees payloads that match the contract. */
export function createEventSink(deliver: (event: EventName, payload: unknown) => void): EventSink {
  return {
    emit(event, payload) {
      deliver(event, (EVENT_CONTRACT[event] as z.ZodType).parse(payload));
    },
  };
}
