import type { ReactNode } from 'react';
import { ChoiceCard } from './ChoiceCard';
import { FieldMessages } from './FieldMessages';

export interface Choice<V extends string> {
  value: V;
  title: string;
  description?: string | undefined;
  /** Shown beside the title, e.g. a warning on a choice that weakens security. */
  badge?: ReactNode;
}

interface ChoiceGroupProps<V extends string> {
  /** The field's id: each card's id and the error's id derive from it. */
  id: string;
  /** The radio buttons' shared name. */
  name: string;
  legend: string;
  /** A note above the choices, about all of them. */
  hint?: string | undefined;
  choices: Choice<V>[];
  value: V | undefined;
  onChoose: (value: V) => void;
  error: string | undefined;
  /** `grid`: many short cards side by side (the registry types); `list`: a few cards one under another. */
  layout: 'grid' | 'list';
}

/** One choice among cards, as a radio group with its legend, an optional note and its error. */
export function ChoiceGroup<V extends string>({ id, name, legend, hint, choices, value, onChoose, error, layout }: ChoiceGroupProps<V>) {
  return (
    <fieldset className="field choice-field" role="radiogroup" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="callout callout-info" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className={layout === 'grid' ? 'type-grid' : 'choice-list'}>
        {choices.map((choice) => (
          <ChoiceCard
            key={choice.value}
            id={`${id}-${choice.value}`}
            name={name}
            title={choice.title}
            description={choice.description}
            checked={value === choice.value}
            onChoose={() => onChoose(choice.value)}
            badge={choice.badge}
          />
        ))}
      </div>
      <FieldMessages id={id} hints={[]} error={error} />
    </fieldset>
  );
}
