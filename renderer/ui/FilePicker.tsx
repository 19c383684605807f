import type { ChangeEvent } from 'react';
import { useTranslation } from '../i18n/useTranslation';

interface FilePickerProps {
  /** The input's id: the field's own <label htmlFor> names it. */
  id: string;
  /** A label on the button's line, centred with it, where the picker stands in a row of buttons rather than under a field's label. */
  label?: string;
  accept: string;
  /** The chosen file's name while it is in use; nothing is said about "no file". */
  chosen?: string | null;
  invalid?: boolean;
  describedBy?: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/**
 * A file input in the app's own words and look: the browser's "Choose File / No file chosen"
 * is never translated, so the real input is hidden visually and keeps the keyboard focus.
 */
export function FilePicker({ id, label, accept, chosen, invalid, describedBy, onChange }: FilePickerProps) {
  const { t } = useTranslation();
  return (
    <div className="file-picker">
      <input
        id={id}
        className="file-picker-input"
        type="file"
        accept={accept}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        onChange={onChange}
      />
      {label && (
        <label htmlFor={id} className="file-picker-label">
          {label}
        </label>
      )}
      <label htmlFor={id} className="button file-picker-button">
        {t('kit.chooseFile')}
      </label>
      {chosen && <span className="detail">{t('kit.chosenFile', { name: chosen })}</span>}
    </div>
  );
}
