import type { AppError, Result } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc-contract';

function unreachable(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { code: 'internal', message: `The request could not be delivered: ${detail}`, params: { detail } };
}

export interface CallOptions {
  /** Aborting it cancels the call in main (`ipc:cancel`), the same way for every channel. */
  signal?: AbortSignal;
}

/**
 * Every call to main goes through here. A rejected promise (no preload, a crashed main
 * process) becomes an ordinary AppError so screens handle one failure shape only.
 */
export async function callApi<C extends Channel>(channel: C, request: RequestOf<C>, { signal }: CallOptions = {}): Promise<Result<ResponseOf<C>>> {
  const callId = signal ? crypto.randomUUID() : undefined;
  // Sent after the call itself: main takes IPC messages in order, so the call is known by then.
  const cancel = () => void window.api.invoke('ipc:cancel', { callId: callId! }).catch(() => undefined);
  try {
    const answer = window.api.invoke(channel, request, callId);
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    return await answer;
  } catch (cause) {
    return { ok: false, error: unreachable(cause) };
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
