import type { AppError, Result } from '../../shared/errors';

/**
 * Shared state read from main, in one shape for every screen: whether it has been asked for, is
 * on its way, has arrived or failed. A failed refresh keeps the data it had, so a screen can show
 * both the last answer and why the new one did not come.
 */
export interface Resource<T> {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  data: T | null;
  error: AppError | null;
}

export const IDLE: Resource<never> = { status: 'idle', data: null, error: null };

export const loading = <T>(resource: Resource<T>): Resource<T> => ({ ...resource, status: 'loading' });

/** A call's answer as the resource's next state. */
export const settled = <T>(resource: Resource<T>, result: Result<T>): Resource<T> =>
  result.ok ? { status: 'ready', data: result.value, error: null } : { status: 'failed', data: resource.data, error: result.error };

/** Reads a resource again: loading while `call` runs, then its answer; `update` applies a change to the store's resource. */
export async function reload<T>(update: (change: (resource: Resource<T>) => Resource<T>) => void, call: () => Promise<Result<T>>): Promise<void> {
  update(loading);
  const result = await call();
  update((resource) => settled(resource, result));
}

/** Keeps the data, drops the error; a resource that never arrived goes back to idle. */
export const withoutError = <T>(resource: Resource<T>): Resource<T> =>
  resource.status === 'failed' ? { status: resource.data === null ? 'idle' : 'ready', data: resource.data, error: null } : resource;
