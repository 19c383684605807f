import type { FieldSpec } from '../../../../shared/registry-catalogue';
import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { ChoiceGroup } from '../../../ui/fields/ChoiceGroup';
import { fieldId } from '../../../ui/fields/field-id';
import { Badge } from '../../../ui/Badge';

/** Choices that weaken security get a warning badge wherever they are offered. */
const RISKY_CHOICES = new Set(['insecure']);

export function ChoiceField({ field, error }: { field: FieldSpec; error: string | undefined }) {
  const { t } = useTranslation();
  const value = useEditorStore((state) => state.draft.values[field.key]);
  const changeValue = useEditorStore((state) => state.changeValue);

  return (
    <ChoiceGroup
      id={fieldId(field.key)}
      name={field.key}
      legend={t(field.label)}
      hint={field.hint ? t(field.hint) : undefined}
      choices={(field.choices ?? []).map((choice) => ({
        value: choice.value,
        title: t(choice.label),
        description: choice.hint ? t(choice.hint) : undefined,
        badge: RISKY_CHOICES.has(choice.value) && <Badge tone="warn">⚠ {t('badge.insecure')}</Badge>,
      }))}
      value={value}
      onChoose={(choice) => changeValue(field.key, choice)}
      error={error}
      layout="list"
    />
  );
}
