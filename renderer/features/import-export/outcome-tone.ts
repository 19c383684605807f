import type { BadgeTone } from '../../ui/Badge';

/** An import's outcome as a badge colour: what came in is green, a skip is no judgement, a failure red. */
export const OUTCOME_TONE = { created: 'ok', updated: 'ok', skipped: 'neutral', failed: 'error' } as const satisfies Record<string, BadgeTone>;
