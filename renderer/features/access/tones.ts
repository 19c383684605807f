import type { AccessState, SecretAction, ServiceAccountAction, StepOutcome } from '../../../shared/access-contract';

/** How a badge is coloured; the words always say the same, colour is never the only cue. */
export type Tone = 'ok' | 'change' | 'remove' | 'warn' | 'bad' | 'neutral';

const TONES: Record<SecretAction | ServiceAccountAction | AccessState | StepOutcome, Tone> = {
  create: 'change',
  update: 'change',
  add: 'change',
  unchanged: 'neutral',
  remove: 'remove',
  conflict: 'bad',
  forbidden: 'bad',
  missing: 'warn',
  unusable: 'bad',
  'namespace-missing': 'warn',
  'in-sync': 'ok',
  drifted: 'warn',
  unreachable: 'bad',
  done: 'ok',
  skipped: 'warn',
  failed: 'bad',
  cancelled: 'warn',
};

export const toneOf = (value: string): Tone => TONES[value as keyof typeof TONES] ?? 'neutral';
