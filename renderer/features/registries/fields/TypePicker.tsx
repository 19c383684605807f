import { REGISTRY_CATALOGUE } from '../../../../shared/registry-catalogue';
import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { ChoiceCard } from '../../../ui/fields/ChoiceCard';
import { fieldId } from '../../../ui/fields/field-id';
import { FieldMessages } from '../../../ui/fields/FieldMessages';

export function TypePicker({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const type = useEditorStore((state) => state.draft.type);
  const chooseType = useEditorStore((state) => state.chooseType);
  const id = fieldId('type');

  return (
    <fieldset
      className="field choice-field"
      role="radiogroup"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t('field.type')}</legend>
      <div className="type-grid">
        {REGISTRY_CATALOGUE.map((spec) => (
          <ChoiceCard
            key={spec.type}
            id={`${id}-${spec.type}`}
            name="type"
            title={t(spec.label)}
            description={t(spec.description)}
            checked={type === spec.type}
            onChoose={() => chooseType(spec.type)}
          />
        ))}
      </div>
      <FieldMessages id={id} hints={[]} error={error} />
    </fieldset>
  );
}
