import type { ReactNode } from 'react';

interface DataTableProps {
  caption: string;
  columns: string[];
  /** Sets the table's own look next to the shared `registry-table`, e.g. `import-table`. */
  className: string;
  testId?: string;
  /** A wide table that may scroll sideways in a narrow window: its frame takes the keyboard focus, so the arrow keys scroll it. */
  scrollable?: boolean;
  children: ReactNode;
}

/** A table of the app's screens: a caption for screen readers, one heading per column, the rows as given. */
export function DataTable({ caption, columns, className, testId, scrollable = false, children }: DataTableProps) {
  return (
    <div className="table-frame" {...(scrollable ? { tabIndex: 0, role: 'group', 'aria-label': caption } : {})}>
      <table className={`registry-table ${className}`} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
