import type { FieldSpec } from '../../../../shared/registry-catalogue';
import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { ChoiceCard } from '../../../ui/fields/ChoiceCard';
import { fieldId } from '../../../ui/fields/field-id';
import { FieldMessages } from '../../../ui/fields/FieldMessages';

/** Choices that weaken security get a warning badge wherever they are offered. */
const RISKY_CHOICES = new Set(['insecure']);

export function ChoiceField({ field, error }: { field: FieldSpec; error: string | undefined }) {
  const { t } = useTranslation();
  const value = useEditorStore((state) => state.draft.values[field.key]);
  const changeValue = useEditorStore((state) => state.changeValue);
  const id = fieldId(field.key);

  return (
    <fieldset
      className="field choice-field"
      role="radiogroup"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t(field.label)}</legend>
      {field.hint && (
        <p className="callout callout-info" id={`${id}-hint`}>
          {t(field.hint)}
        </p>
      )}
      <div className="choice-list">
        {field.choices?.map((choice) => (
          <ChoiceCard
            key={choice.value}
            id={`${id}-${choice.value}`}
            name={field.key}
            title={t(choice.label)}
            description={choice.hint ? t(choice.hint) : undefined}
            checked={value === choice.value}
            onChoose={() => changeValue(field.key, choice.value)}
            badge={
              RISKY_CHOICES.has(choice.value) && <span className="badge badge-warning">⚠ {t('badge.insecure')}</span>
            }
          />
        ))}
      </div>
      <FieldMessages id={id} hints={[]} error={error} />
    </fieldset>
  );
}
