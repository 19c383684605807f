// A stand-in for the preload's `window.api`, typed by the IPC contract, for component and store
// tests: each test says what main answers on the channels it uses, and sees every request sent.
import type { AppError, Result } from '../../shared/errors';
import type { Channel, EventName, EventOf, RegistryDeskApi, RequestOf, ResponseOf } from '../../shared/ipc-contract';

type Answer<C extends Channel> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

export type Answers = { [C in Channel]?: Answer<C> };

export interface FakeApi {
  /** Every request, in order; `callId` when the window sent one so it can cancel the call. */
  calls: { channel: Channel; request: unknown; callId?: string }[];
  requestsTo<C extends Channel>(channel: C): RequestOf<C>[];
  /** Main sends an event to every listener. */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** Answers on more channels, or other answers, from now on. */
  answer(more: Answers): void;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = (error: AppError): Result<never> => ({ ok: false, error });

/** Puts the fake on `window.api`; a channel without an answer fails the call, as a missing handler in main would. */
export function installFakeApi(initial: Answers): FakeApi {
  const answers: Answers = { ...initial };
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api: RegistryDeskApi = {
    invoke: async (channel, request, callId) => {
      calls.push({ channel, request, ...(callId === undefined ? {} : { callId }) });
      // The record pairs each channel with an answer for that channel's own request.
      const answer = answers[channel] as ((request: unknown) => Result<ResponseOf<typeof channel>>) | undefined;
      if (!answer) throw new Error(`the fake window.api has no answer for ${channel}`);
      return answer(request);
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  Object.defineProperty(window, 'api', { value: api, configurable: true });
  return {
    calls,
    requestsTo: <C extends Channel>(channel: C) => calls.filter((call) => call.channel === channel).map((call) => call.request as RequestOf<C>),
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    answer: (more) => Object.assign(answers, more),
  };
}
