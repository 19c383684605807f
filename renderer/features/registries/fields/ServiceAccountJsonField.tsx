import { useMemo, useState } from 'react';
import type { FieldSpec } from '../../../../shared/registry-catalogue';
import { normalizeServiceAccountKey } from '../../../../shared/service-account-key';
import { useTranslation } from '../../../i18n/useTranslation';
import { storedSecretsOf, useEditorStore } from '../editor-store';
import { describedBy, FieldMessages } from '../../../ui/fields/FieldMessages';
import { fieldId } from '../../../ui/fields/field-id';
import { ServiceAccountKeySummary } from './ServiceAccountKeySummary';
import { useFileUpload } from '../../../ui/fields/use-file-upload';
import { FilePicker } from '../../../ui/FilePicker';

/** RegistryInputSchema's limit for the key; anything bigger is the wrong file. */
const MAX_KEY_FILE_BYTES = 128 * 1024;

function useStoredKeyHints(field: FieldSpec): string[] {
  const { t } = useTranslation();
  const mode = useEditorStore((state) => state.mode);
  const hints = field.hint ? [t(field.hint)] : [];
  if (!storedSecretsOf(mode).serviceAccountJson) return hints;
  const email = mode.kind === 'edit' ? mode.registry.serviceAccountEmail : undefined;
  return [t('hint.storedSecret'), ...(email ? [t('form.storedServiceAccount', { email })] : []), ...hints];
}

/**
 * Upload or paste. Once the key parses it is replaced by the name of its service account, so
 * the private key does not stay on screen; a key that does not parse stays editable to fix it.
 */
export function ServiceAccountJsonField({ field, error }: { field: FieldSpec; error: string | undefined }) {
  const { t } = useTranslation();
  const value = useEditorStore((state) => state.draft.values[field.key]);
  const changeValue = useEditorStore((state) => state.changeValue);
  const touch = useEditorStore((state) => state.touch);
  const [fileName, setFileName] = useState<string | null>(null);
  const hints = useStoredKeyHints(field);
  const parsed = useMemo(() => (value.trim() === '' ? null : normalizeServiceAccountKey(value)), [value]);
  const loadedKey = parsed !== null && typeof parsed !== 'string' ? parsed : null;
  const id = fieldId(field.key);
  const { shownError, onFile, clearFileProblem } = useFileUpload(MAX_KEY_FILE_BYTES, error, (file, bytes) => {
    setFileName(file.name);
    changeValue(field.key, new TextDecoder().decode(bytes));
  });

  const onPaste = (text: string) => {
    setFileName(null);
    clearFileProblem();
    changeValue(field.key, text);
  };
  const onRemove = () => onPaste('');

  return (
    <div className="field">
      <label htmlFor={id}>{t(field.label)}</label>
      <FilePicker
        id={id}
        accept=".json,application/json"
        invalid={Boolean(shownError)}
        describedBy={describedBy(id, hints, shownError)}
        onChange={(event) => void onFile(event)}
      />
      <div aria-live="polite">
        {(loadedKey || fileName) && (
          <ServiceAccountKeySummary serviceAccountKey={loadedKey} fileName={fileName} onRemove={onRemove} />
        )}
      </div>
      {!loadedKey && !fileName && (
        <div className="paste-area">
          <label htmlFor={`${id}-paste`}>{t('serviceAccount.paste')}</label>
          <textarea
            id={`${id}-paste`}
            className="mono"
            rows={5}
            spellCheck={false}
            autoComplete="off"
            value={value}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={describedBy(id, hints, shownError)}
            onChange={(event) => onPaste(event.target.value)}
            onBlur={() => touch(field.key)}
          />
        </div>
      )}
      <FieldMessages id={id} hints={hints} error={shownError} />
    </div>
  );
}
