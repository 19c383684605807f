import { enMessages, type MessageKey } from '../../../shared/i18n/en';
import type { Finding } from '../../../shared/pull-doctor-contract';
import type { Translation } from '../../i18n/useTranslation';

/** A diagnosis sentence in the operator's language; a code this window does not know shows as itself. */
export function findingText(t: Translation['t'], finding: Pick<Finding, 'code' | 'params'>): string {
  return Object.hasOwn(enMessages, finding.code) ? t(finding.code as MessageKey, finding.params) : finding.code;
}

/** The badge colour of a step state or a finding's tone (the access screen's palette). */
export const TONE_CLASS: Record<string, string> = { pass: 'state-ok', fail: 'state-bad', warn: 'state-warn', unknown: 'state-neutral', skipped: 'state-neutral', info: 'state-neutral' };
