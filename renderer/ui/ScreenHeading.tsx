import type { ReactNode } from 'react';
import { UnbrokenNames } from './UnbrokenNames';

interface ScreenHeadingProps {
  /** The screen's section is labelled by this heading. */
  id: string;
  title: string;
  intro: string;
  /** The screen's own buttons, at the right of the title. */
  children?: ReactNode;
}

export function ScreenHeading({ id, title, intro, children }: ScreenHeadingProps) {
  return (
    <div className="screen-heading">
      <div>
        <h1 id={id}>{title}</h1>
        <p className="muted">
          <UnbrokenNames text={intro} />
        </p>
      </div>
      {children}
    </div>
  );
}
