import type { AccessState, SecretAction, ServiceAccountAction, StepOutcome } from '../../../shared/access-contract';
import type { BadgeTone } from '../../ui/Badge';

/** How a badge is coloured; the words always say the same, colour is never the only cue. */
export type Tone = BadgeTone;

const TONES: Record<SecretAction | ServiceAccountAction | AccessState | StepOutcome, Tone> = {
  create: 'change',
  update: 'change',
  add: 'change',
  unchanged: 'neutral',
  remove: 'remove',
  conflict: 'error',
  forbidden: 'error',
  missing: 'warn',
  unusable: 'error',
  'namespace-missing': 'warn',
  'in-sync': 'ok',
  drifted: 'warn',
  unreachable: 'error',
  done: 'ok',
  skipped: 'warn',
  failed: 'error',
  cancelled: 'warn',
};

export const toneOf = (value: string): Tone => TONES[value as keyof typeof TONES] ?? 'neutral';
