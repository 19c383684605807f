import type { ReactNode } from 'react';

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
        <p className="muted">{intro}</p>
      </div>
      {children}
    </div>
  );
}
