import type { AccessState, SecretAction, ServiceAccountAction, StatusRow, StepOutcome } from '../../../shared/access-contract';
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

/** Mildest first: a badge standing for several others takes the last of theirs present. */
const TONE_SEVERITY: readonly Tone[] = ['neutral', 'ok', 'info', 'change', 'remove', 'warn', 'error'];

export const worstTone = (tones: Iterable<Tone>): Tone => {
  const present = new Set(tones);
  return [...TONE_SEVERITY].reverse().find((tone) => present.has(tone)) ?? 'neutral';
};

/**
 * A blocked reference is its secret's problem seen from the ServiceAccount, so it takes the tone of
 * the secret that blocks it: amber like Missing when apply would create it, red when forbidden or foreign.
 */
export function accountTone(row: StatusRow, account: StatusRow['serviceAccounts'][number]): Tone {
  return account.blocked ? worstTone(row.secrets.map((secret) => toneOf(secret.state))) : toneOf(account.state);
}

/** Every badge a status row shows, secrets then ServiceAccounts. */
const rowTones = (row: StatusRow): Tone[] => [...row.secrets.map((secret) => toneOf(secret.state)), ...row.serviceAccounts.map((account) => accountTone(row, account))];

/** A cluster's badge: the worst badge in its rows, from the rows' own tone functions, so the two never disagree. */
export const contextTone = (rows: StatusRow[]): Tone => worstTone(rows.flatMap(rowTones));
