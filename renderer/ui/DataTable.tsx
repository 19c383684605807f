import type { ReactNode } from 'react';

interface DataTableProps {
  caption: string;
  /** One heading per column: text, or e.g. a host that breaks only after `.`, `/` or `:`. */
  columns: ReactNode[];
  /** Sets the table's own look next to the shared `registry-table`, e.g. `import-table`. */
  className: string;
  testId?: string;
  /**
   * A genuine matrix, whose columns grow with the data (registries across): the one kind of table
   * that may scroll sideways in a narrow window. Its frame takes the keyboard focus, so the arrow
   * keys scroll it, and its first column stays in place, so a row keeps its name while scrolled.
   * Every other table fits its window by folding secondary columns into detail lines.
   */
  matrix?: boolean;
  children: ReactNode;
}

/** A table of the app's screens: a caption for screen readers, one heading per column, the rows as given. */
export function DataTable({ caption, columns, className, testId, matrix = false, children }: DataTableProps) {
  return (
    <div className="table-frame" {...(matrix ? { tabIndex: 0, role: 'group', 'aria-label': caption, 'data-matrix': '' } : {})}>
      <table className={`registry-table ${className}`} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
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
