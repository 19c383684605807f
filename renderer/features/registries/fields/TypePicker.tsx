import { REGISTRY_CATALOGUE } from '../../../../shared/registry-catalogue';
import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { ChoiceGroup } from '../../../ui/fields/ChoiceGroup';
import { fieldId } from '../../../ui/fields/field-id';

export function TypePicker({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const type = useEditorStore((state) => state.draft.type);
  const chooseType = useEditorStore((state) => state.chooseType);

  return (
    <ChoiceGroup
      id={fieldId('type')}
      name="type"
      legend={t('field.type')}
      choices={REGISTRY_CATALOGUE.map((spec) => ({ value: spec.type, title: t(spec.label), description: t(spec.description) }))}
      value={type}
      onChoose={chooseType}
      error={error}
      layout="grid"
    />
  );
}
