import type { ReactNode } from 'react';

/**
 * A badge's colour. ok: healthy; info: worth knowing; warn: needs a look; error: broken;
 * neutral: no judgement; change/remove: what a plan will do. Words always carry the state too,
 * so colour is never the only cue.
 */
export type BadgeTone = 'ok' | 'info' | 'warn' | 'error' | 'neutral' | 'change' | 'remove';

interface BadgeProps {
  tone?: BadgeTone;
  /** More detail on hover, e.g. the full reason behind a short state. */
  title?: string;
  testId?: string;
  /** The state behind the words, as the data names it (a count badge's worst state), for tests and screenshots to read. */
  state?: string;
  children: ReactNode;
}

/** A short state in a pill: the same height and colours on every screen. */
export function Badge({ tone = 'neutral', title, testId, state, children }: BadgeProps) {
  return (
    <span className={`badge state-${tone}`} data-tone={tone} title={title} data-testid={testId} data-state={state}>
      {children}
    </span>
  );
}
