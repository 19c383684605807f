import type { ReactNode } from 'react';

interface CardProps {
  /** The card's heading; the card is a region labelled by it. */
  title?: ReactNode;
  /** Needed with a title: the heading's element id. */
  titleId?: string;
  /** Heading level inside the screen: 2 for a screen's sections, 3 inside one. */
  level?: 2 | 3;
  /** Buttons at the right of the heading. */
  actions?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A section of a screen on its own surface, with space between it and the next one. */
export function Card({ title, titleId, level = 2, actions, testId, children }: CardProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="card" aria-labelledby={title ? titleId : undefined} data-testid={testId}>
      {(title || actions) && (
        <div className="card-heading">
          {title && <Heading id={titleId}>{title}</Heading>}
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
