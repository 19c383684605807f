import { describedBy, FieldMessages } from '../../registries/fields/FieldMessages';
import { namesFromText, textFromNames } from './scope-lens';

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

/** A list of Kubernetes names typed one per line. */
export function NamesField({ id, label, names, onChange, onBlur, hint, error, rows = 4 }: NamesFieldProps) {
  const hints = hint ? [hint] : [];
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
