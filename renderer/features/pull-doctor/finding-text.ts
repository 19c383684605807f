import { enMessages, type MessageKey } from '../../../shared/i18n/en';
import type { DiagnosisStep, Finding } from '../../../shared/pull-doctor-contract';
import type { Translation } from '../../i18n/useTranslation';
import type { BadgeTone } from '../../ui/Badge';

/** A diagnosis sentence in the operator's language; a code this window does not know shows as itself. */
export function findingText(t: Translation['t'], finding: Pick<Finding, 'code' | 'params'>): string {
  return Object.hasOwn(enMessages, finding.code) ? t(finding.code as MessageKey, finding.params) : finding.code;
}

/** A step's badge colour: a step not checked (unknown, skipped) is grey, never green. */
export const STEP_TONE: Record<DiagnosisStep['state'], BadgeTone> = { pass: 'ok', fail: 'error', warn: 'warn', unknown: 'neutral', skipped: 'neutral' };
