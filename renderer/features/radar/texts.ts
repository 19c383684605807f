import { enMessages, type MessageKey } from '../../../shared/i18n/en';
import type { HygieneFinding, PullCheck } from '../../../shared/radar-contract';
import type { BadgeTone } from '../../ui/Badge';
import type { Translation } from '../../i18n/useTranslation';
import type { Tone } from './radar-view';

/** A catalogue sentence for a code from main; a code this window does not know shows as itself. */
function codeText(t: Translation['t'], code: string, params: Record<string, string | number>): string {
  return Object.hasOwn(enMessages, code) ? t(code as MessageKey, params) : code;
}

/** A verdict's reason: the pull doctor's sentence (`doctor.verdict.*`) or the radar's own. */
export const reasonText = (t: Translation['t'], check: PullCheck): string => codeText(t, check.reason.code, check.reason.params);

/** How an expiry is known, or why it is not. */
export const expirySourceText = (t: Translation['t'], source: string): string => codeText(t, `radar.expiry.source.${source}`, {});

export const findingText = (t: Translation['t'], finding: HygieneFinding): string => codeText(t, `radar.finding.${finding.code}`, finding.params);

export const TONE_BADGE: Record<Tone, BadgeTone> = { fail: 'error', warn: 'warn', pass: 'ok', unknown: 'neutral', unread: 'neutral' };
export const VERDICT_TONE: Record<PullCheck['verdict'], Tone> = { pulls: 'pass', fails: 'fail', 'cached-only': 'fail', 'tag-moved': 'warn', 'platform-missing': 'fail', unknown: 'unknown' };
export const FINDING_BADGE: Record<HygieneFinding['tone'], BadgeTone> = { fail: 'error', warn: 'warn', info: 'info' };
