import type { ConnectionStep } from '../../shared/connection-contract';
import type { AppFailure } from '../app-errors/app-failure';

/** A failure pinned to the step of the login where it happened. */
export class StepFailure extends Error {
  constructor(
    readonly step: ConnectionStep,
    readonly failure: AppFailure,
    /** For an untrusted certificate: whether the OS trust store would have accepted it. */
    readonly facts: { osTrustsIssuer?: boolean } = {},
  ) {
    super(failure.message);
    this.name = 'StepFailure';
  }
}
