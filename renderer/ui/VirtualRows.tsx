import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useRovingFocus } from './use-roving-focus';

interface VirtualRowsProps {
  /** Rows the list is tall for (the loaded ones and those still to come). */
  count: number;
  /** Rows that exist; the others show a placeholder until their page arrives. */
  loaded: number;
  rowHeight: number;
  height: number;
  label: string;
  /** `tabIndex` comes with `keyboard`: the row's control takes it, so the list is one tab stop. */
  renderRow: (index: number, tabIndex?: 0 | -1) => ReactNode;
  placeholder: ReactNode;
  /** Called when rows near or past the loaded end come into view. */
  onNeedMore: () => void;
  /** Rows without controls: the frame itself takes the focus so the keyboard can scroll it. */
  focusable?: boolean;
  /**
   * Rows with one control each: the arrow keys, Home, End and Page Up/Down move the focus from row
   * to row, scrolling a row that is not in the page yet into it.
   */
  keyboard?: boolean;
  /** With `keyboard`: the row the operator left the list from, in view when it appears and focused if the focus was lost. */
  returnTo?: number | null;
  /** A new value (e.g. a new search) scrolls back to the first row. */
  resetKey: string;
}

const OVERSCAN = 8;

/**
 * A scrolling list that puts only the rows in view (and a few around them) into the page, so
 * 5,000 namespaces cost what 30 do. Each row says its position for assistive technology.
 */
export function VirtualRows({ count, loaded, rowHeight, height, label, renderRow, placeholder, onNeedMore, focusable = false, keyboard = false, returnTo = null, resetKey }: VirtualRowsProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  /** Scrolls the least that shows row `index` whole, and renders it now so that it can take the focus. */
  const reveal = (index: number) => {
    const element = frame.current;
    if (!element) return;
    const top = index * rowHeight;
    const shown = element.scrollTop;
    const next = top < shown ? top : top + rowHeight > shown + height ? top + rowHeight - height : shown;
    element.scrollTop = next;
    setScrollTop(next);
  };
  const start = keyboard ? returnTo : null;
  const { listRef, active, reset, onKeyDown, onFocus } = useRovingFocus({ count: keyboard ? loaded : 0, start, page: Math.max(1, Math.floor(height / rowHeight) - 1), onMove: reveal });

  useEffect(() => {
    if (last > loaded - OVERSCAN * 4 && loaded < count) onNeedMore();
  }, [last, loaded, count, onNeedMore]);

  const arrived = useRef(false);
  useEffect(() => {
    // On arrival the list opens at the row the operator comes back to; a new search starts at the top.
    if (!arrived.current && start !== null) reveal(start);
    else {
      reset();
      if (frame.current) frame.current.scrollTop = 0;
    }
    arrived.current = true;
    // Per resetKey only: `start` counts on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);

  // The active row is the list's tab stop; scrolled out of the page, the first row in it stands in.
  const tabStop = active >= first && active < last ? active : first;
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <li key={index} role="listitem" data-row={index} aria-setsize={count} aria-posinset={index + 1} className="virtual-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {index < loaded ? renderRow(index, keyboard ? (index === tabStop ? 0 : -1) : undefined) : placeholder}
      </li>,
    );
  }

  return (
    <div
      ref={frame}
      className="virtual-frame"
      style={{ height }}
      tabIndex={focusable ? 0 : undefined}
      role={focusable ? 'group' : undefined}
      aria-label={focusable ? label : undefined}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <ul
        ref={listRef}
        role="list"
        aria-label={label}
        className="virtual-rows"
        style={{ height: count * rowHeight }}
        onKeyDown={keyboard ? onKeyDown : undefined}
        onFocus={keyboard ? onFocus : undefined}>
        {rows}
      </ul>
    </div>
  );
}
