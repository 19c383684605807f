import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { describedBy, FieldMessages } from '../../../ui/fields/FieldMessages';
import { fieldId } from '../../../ui/fields/field-id';

/** The default cannot be switched off here: exactly one registry is always the default. */
export function DefaultCheckbox({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const isDefault = useEditorStore((state) => state.draft.isDefault);
  const locked = useEditorStore((state) => state.mode.kind === 'edit' && state.mode.registry.isDefault);
  const change = useEditorStore((state) => state.change);
  const id = fieldId('isDefault');
  const hints = [t(locked ? 'form.defaultLocked' : 'hint.isDefault')];

  return (
    <div className="field checkbox-field">
      <div className="checkbox-row">
        <input
          id={id}
          type="checkbox"
          checked={isDefault}
          disabled={locked}
          aria-describedby={describedBy(id, hints, error)}
          onChange={(event) => change({ isDefault: event.target.checked })}
        />
        <label htmlFor={id}>{t('field.isDefault')}</label>
      </div>
      <FieldMessages id={id} hints={hints} error={error} />
    </div>
  );
}
