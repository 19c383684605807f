import type { FieldSpec } from '../../../../shared/registry-catalogue';
import { useTranslation } from '../../../i18n/useTranslation';
import { storedSecretsOf, useEditorStore } from '../editor-store';
import { fieldId } from '../../../ui/fields/field-id';
import { TextField } from '../../../ui/fields/TextField';

/** A catalogue field typed as text: plain, or a secret that is never pre-filled. */
export function SpecTextField({ field, error }: { field: FieldSpec; error: string | undefined }) {
  const { t } = useTranslation();
  const value = useEditorStore((state) => state.draft.values[field.key]);
  const isStored = useEditorStore((state) => field.secret !== undefined && storedSecretsOf(state.mode)[field.secret]);
  const changeValue = useEditorStore((state) => state.changeValue);
  const touch = useEditorStore((state) => state.touch);
  const hints = [isStored ? t('hint.storedSecret') : null, field.hint ? t(field.hint) : null].filter(
    (hint) => hint !== null,
  );

  return (
    <TextField
      id={fieldId(field.key)}
      label={t(field.label)}
      value={value}
      secret={field.control === 'secret'}
      hints={hints}
      error={error}
      onChange={(next) => changeValue(field.key, next)}
      onBlur={() => touch(field.key)}
    />
  );
}
