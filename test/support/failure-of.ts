import type { AppFailure } from '../../main/app-errors/app-failure';

/** The AppError a service call failed with; throws when the call did not fail, so a test cannot pass on a success. */
export async function failureOf(work: Promise<unknown>): Promise<AppFailure['appError']> {
  try {
    await work;
  } catch (error) {
    return (error as AppFailure).appError;
  }
  throw new Error('expected a failure');
}
