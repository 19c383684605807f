import type { ReactNode } from 'react';
import { CatalogueText } from '../../i18n/CatalogueText';

interface ChoiceCardProps {
  id: string;
  name: string;
  title: string;
  description?: string | undefined;
  checked: boolean;
  onChoose: () => void;
  badge?: ReactNode;
}

/**
 * A radio button drawn as a card. The whole card is clickable, but the accessible name is the
 * title alone so that "Docker" does not also match the "docker login" in another description.
 */
export function ChoiceCard({ id, name, title, description, checked, onChoose, badge }: ChoiceCardProps) {
  return (
    <label className={`choice-card${checked ? ' is-checked' : ''}`} htmlFor={id}>
      <input
        id={id}
        type="radio"
        name={name}
        checked={checked}
        onChange={onChoose}
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
      />
      <span className="choice-text">
        <span className="choice-heading">
          <span className="choice-title" id={`${id}-title`}>
            {title}
          </span>
          {badge}
        </span>
        {description && (
          <span className="choice-description" id={`${id}-description`}>
            <CatalogueText text={description} />
          </span>
        )}
      </span>
    </label>
  );
}
