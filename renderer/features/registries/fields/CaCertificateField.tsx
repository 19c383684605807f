import { useEffect, useRef } from 'react';
import type { FieldSpec } from '../../../../shared/registry-catalogue';
import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { certificateFileText } from './certificate-text';
import { CertificateList } from './CertificateList';
import { describedBy, FieldMessages } from '../../../ui/fields/FieldMessages';
import { fieldId } from '../../../ui/fields/field-id';
import { useFileUpload } from '../../../ui/fields/use-file-upload';
import { FilePicker } from '../../../ui/FilePicker';

/** certificates:inspect accepts at most 1 MiB of PEM. */
const MAX_CERTIFICATE_FILE_BYTES = 1024 * 1024;
/** Typing PEM by hand is rare; waiting for a pause avoids asking main about every keystroke. */
const INSPECT_DELAY_MS = 400;

/**
 * "Upload the registry's CA" chose this field's mode; the field opens its file picker as it appears,
 * still inside the click's user activation, so the operator goes straight to choosing the file.
 */
function useFilePickerOpenedOnRequest(id: string) {
  const wanted = useEditorStore((state) => state.caFileWanted);
  useEffect(() => {
    if (!wanted) return;
    useEditorStore.getState().caFilePickerOpened();
    const input = document.getElementById(id);
    input?.focus();
    input?.click();
  }, [wanted, id]);
}

export function CaCertificateField({ field, error }: { field: FieldSpec; error: string | undefined }) {
  const { t } = useTranslation();
  const value = useEditorStore((state) => state.draft.values[field.key]);
  const check = useEditorStore((state) => state.certificateCheck);
  const changeValue = useEditorStore((state) => state.changeValue);
  const touch = useEditorStore((state) => state.touch);
  const inspectCertificate = useEditorStore((state) => state.inspectCertificate);
  const pendingInspection = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pendingInspection.current), []);
  const id = fieldId(field.key);
  useFilePickerOpenedOnRequest(id);
  const hints = field.hint ? [t(field.hint)] : [];
  const { shownError, onFile, clearFileProblem } = useFileUpload(MAX_CERTIFICATE_FILE_BYTES, error, (_file, bytes) => {
    const pem = certificateFileText(bytes);
    changeValue(field.key, pem);
    clearTimeout(pendingInspection.current);
    void inspectCertificate(pem);
  });

  const onType = (pem: string) => {
    clearFileProblem();
    changeValue(field.key, pem);
    clearTimeout(pendingInspection.current);
    pendingInspection.current = setTimeout(() => void inspectCertificate(pem), INSPECT_DELAY_MS);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{t(field.label)}</label>
      <FilePicker
        id={id}
        accept=".crt,.pem,.cer"
        invalid={Boolean(shownError)}
        describedBy={describedBy(id, hints, shownError)}
        onChange={(event) => void onFile(event)}
      />
      <div className="paste-area">
        <label htmlFor={`${id}-paste`}>{t('caCertificate.paste')}</label>
        <textarea
          id={`${id}-paste`}
          className="mono"
          rows={6}
          spellCheck={false}
          value={value}
          placeholder="-----BEGIN CERTIFICATE-----"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy(id, hints, shownError)}
          onChange={(event) => onType(event.target.value)}
          onBlur={() => touch(field.key)}
        />
      </div>
      <FieldMessages id={id} hints={hints} error={shownError} />
      <CertificateList check={check} />
    </div>
  );
}
