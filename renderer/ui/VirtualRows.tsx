import { useEffect, useRef, useState, type ReactNode } from 'react';

interface VirtualRowsProps {
  /** Rows the list is tall for (the loaded ones and those still to come). */
  count: number;
  /** Rows that exist; the others show a placeholder until their page arrives. */
  loaded: number;
  rowHeight: number;
  height: number;
  label: string;
  renderRow: (index: number) => ReactNode;
  placeholder: ReactNode;
  /** Called when rows near or past the loaded end come into view. */
  onNeedMore: () => void;
  /** Rows without controls: the frame itself takes the focus so the keyboard can scroll it. */
  focusable?: boolean;
  /** A new value (e.g. a new search) scrolls back to the first row. */
  resetKey: string;
}

const OVERSCAN = 8;

/**
 * A scrolling list that puts only the rows in view (and a few around them) into the page, so
 * 5,000 namespaces cost what 30 do. Each row says its position for assistive technology.
 */
export function VirtualRows({ count, loaded, rowHeight, height, label, renderRow, placeholder, onNeedMore, focusable = false, resetKey }: VirtualRowsProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  useEffect(() => {
    if (last > loaded - OVERSCAN * 4 && loaded < count) onNeedMore();
  }, [last, loaded, count, onNeedMore]);

  useEffect(() => {
    if (frame.current) frame.current.scrollTop = 0;
  }, [resetKey]);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <li key={index} role="listitem" aria-setsize={count} aria-posinset={index + 1} className="virtual-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {index < loaded ? renderRow(index) : placeholder}
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
      <ul role="list" aria-label={label} className="virtual-rows" style={{ height: count * rowHeight }}>
        {rows}
      </ul>
    </div>
  );
}
