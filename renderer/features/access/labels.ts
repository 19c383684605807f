import { AccessStateSchema, SecretActionSchema, ServiceAccountActionSchema, StepOutcomeSchema } from '../../../shared/access-contract';
import type { Translation } from '../../i18n/useTranslation';

/** Count keys arrive as plain strings (records keyed by action); unknown ones show as they are. */
const labeller =
  <K extends string>(options: readonly K[], label: (t: Translation['t'], key: K) => string) =>
  (t: Translation['t']) =>
  (key: string): string =>
    options.includes(key as K) ? label(t, key as K) : key;

export const secretActionLabel = labeller(SecretActionSchema.options, (t, key) => t(`access.secretAction.${key}`));
export const serviceAccountActionLabel = labeller(ServiceAccountActionSchema.options, (t, key) => t(`access.serviceAccountAction.${key}`));
export const accessStateLabel = labeller(AccessStateSchema.options, (t, key) => t(`access.state.${key}`));
export const outcomeLabel = labeller(StepOutcomeSchema.options, (t, key) => t(`access.outcome.${key}`));
