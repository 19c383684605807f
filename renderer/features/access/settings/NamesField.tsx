import { useState } from 'react';
import { useTranslation } from '../../../i18n/useTranslation';
import { describedBy, FieldMessages } from '../../../ui/fields/FieldMessages';
import { namesFromText, textFromNames } from './scope-lens';
import { Button } from '../../../ui/Button';

interface NamesFieldProps {
  id: string;
  label: string;
  names: string[];
  onChange: (names: string[]) => void;
  onBlur: () => void;
  hint?: string;
  error?: string | undefined;
  rows?: number;
}

/** Past this many names the list shows as a count until asked for: a textarea of thousands of lines costs every keystroke ~80 ms. */
const SHOWN_AS_TEXT = 500;

/** A list of Kubernetes names typed one per line. */
export function NamesField({ id, label, names, onChange, onBlur, hint, error, rows = 4 }: NamesFieldProps) {
  const { t, language } = useTranslation();
  const [asText, setAsText] = useState(false);
  const hints = hint ? [hint] : [];
  const filled = names.filter((name) => name.trim() !== '').length;
  if (filled > SHOWN_AS_TEXT && !asText) {
    return (
      <div className="field" role="group" aria-labelledby={`${id}-label`}>
        <span id={`${id}-label`} className="field-label">
          {label}
        </span>
        <p className="field-hint">{t('accessForm.namesCount', { count: filled.toLocaleString(language) })}</p>
        <Button inline aria-describedby={describedBy(id, [], error)} onClick={() => setAsText(true)}>
          {t('accessForm.showAsText')}
        </Button>
        <FieldMessages id={id} hints={[]} error={error} />
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        spellCheck={false}
        autoComplete="off"
        value={textFromNames(names)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hints, error)}
        onChange={(event) => onChange(namesFromText(event.target.value))}
        onBlur={onBlur}
      />
      <FieldMessages id={id} hints={hints} error={error} />
    </div>
  );
}
