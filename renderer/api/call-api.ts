import type { AppError, Result } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc-contract';

function unreachable(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { code: 'internal', message: `The request could not be delivered: ${detail}`, params: { detail } };
}

/**
 * Every call to main goes through here. A rejected promise (no preload, a crashed main
 * process) becomes an ordinary AppError so screens handle one failure shape only.
 */
export async function callApi<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
  try {
    return await window.api.invoke(channel, request);
  } catch (cause) {
    return { ok: false, error: unreachable(cause) };
  }
}
