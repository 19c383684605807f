import type { ReactNode } from 'react';
import { describedBy, FieldMessages } from './FieldMessages';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  hints?: string[];
  error?: string | undefined;
  placeholder?: string | undefined;
  secret?: boolean;
  /** Live facts derived from the value, announced politely (e.g. the ECR region). */
  derived?: ReactNode;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, onBlur, hints = [], error, placeholder, secret, derived } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hints, error)}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      {derived !== undefined && (
        <div className="field-derived" aria-live="polite">
          {derived}
        </div>
      )}
      <FieldMessages id={id} hints={hints} error={error} />
    </div>
  );
}
