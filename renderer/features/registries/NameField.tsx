import { useTranslation } from '../../i18n/useTranslation';
import { useEditorStore } from './editor-store';
import { fieldId } from '../../ui/fields/field-id';
import { TextField } from '../../ui/fields/TextField';

export function NameField({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const name = useEditorStore((state) => state.draft.name);
  const change = useEditorStore((state) => state.change);
  const touch = useEditorStore((state) => state.touch);
  return (
    <TextField
      id={fieldId('name')}
      label={t('field.name')}
      value={name}
      hints={[t('hint.name')]}
      error={error}
      onChange={(next) => change({ name: next })}
      onBlur={() => touch('name')}
    />
  );
}
