import type { Plan } from '../../../../shared/access-contract';
import { countText } from '../../../i18n/plural';
import type { Translation } from '../../../i18n/useTranslation';

/**
 * "Applying makes 5 changes, 1 of them a removal.": each count in its own plural form, and no word of
 * removals when there are none.
 */
export function planWritesText({ t, language }: Pick<Translation, 't' | 'language'>, plan: Pick<Plan, 'writes' | 'removals'>): string {
  if (plan.writes === 0) return t('plan.nothing');
  const changes = countText(t, language, plan.writes, { one: 'plan.changes.one', other: 'plan.changes.other' });
  if (plan.removals === 0) return t('plan.writes', { changes });
  const removals = countText(t, language, plan.removals, { one: 'plan.removals.one', other: 'plan.removals.other' });
  return t('plan.writesWithRemovals', { changes, removals });
}
