import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { arrowTarget } from './arrow-keys';

interface RovingFocusOptions {
  /** Rows that exist (each an element with `data-row={index}` holding one control). */
  count: number;
  /** The row the operator left the list from: active at first, and focused if the focus was lost. */
  start: number | null;
  /** Columns per line in a grid (up and down move by a line); 1 for a list. */
  columns?: () => number;
  /** Rows Page Up/Down move. */
  page?: number;
  /** Before the focus moves to a row: a virtual list scrolls it into the page, where it exists. */
  onMove?: (index: number) => void;
}

export interface RovingFocus {
  listRef: RefObject<HTMLUListElement | null>;
  active: number;
  /** Back to the first row (a new search). */
  reset: () => void;
  /** The active row's control is the list's one tab stop. */
  tabIndexOf: (index: number) => 0 | -1;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
}

/** The focus went away with the control that had it (a level of the screen replaced by another). */
const focusLost = () => document.activeElement === null || document.activeElement === document.body || !document.activeElement.isConnected;

/**
 * One tab stop for a list of controls (WAI-ARIA's roving tabindex): arrows, Home, End and Page
 * Up/Down move the focus between rows. When the rows arrive and the focus had nowhere to be, the
 * start row takes it, so the keyboard goes on from where the operator came back to.
 */
export function useRovingFocus({ count, start, columns, page, onMove }: RovingFocusOptions): RovingFocus {
  const listRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(start ?? 0);
  /** A row to focus once it is in the page: a virtual list's row exists only after the scroll renders it. */
  const focusNext = useRef<number | null>(null);

  const hasRows = count > 0;
  useEffect(() => {
    if (hasRows && focusLost()) focusNext.current = active;
    // Once per arrival of rows, at the row active then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasRows]);

  useEffect(() => {
    const index = focusNext.current;
    if (index === null) return;
    const control = listRef.current?.querySelector<HTMLElement>(`[data-row="${index}"] [tabindex]`);
    if (!control) return;
    focusNext.current = null;
    control.focus();
  });

  return {
    listRef,
    active: Math.min(active, Math.max(0, count - 1)),
    reset: () => setActive(0),
    tabIndexOf: (index) => (index === Math.min(active, Math.max(0, count - 1)) ? 0 : -1),
    onKeyDown: (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = arrowTarget(event.key, Math.min(active, count - 1), count, { columns: columns?.() ?? 1, ...(page ? { page } : {}) });
      if (target === null) return;
      event.preventDefault();
      focusNext.current = target;
      setActive(target);
      onMove?.(target);
    },
    onFocus: (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row]')?.dataset.row;
      if (row !== undefined) setActive(Number(row));
    },
  };
}
