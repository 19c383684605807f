import { useState } from 'react';

const PAGE_SIZE = 50;

export interface PageOf<T> {
  rows: T[];
  first: number;
  last: number;
  total: number;
  page: number;
  pages: number;
  show: (page: number) => void;
}

/**
 * One page of a long table (thousands of namespaces render as 50 rows at a time). The page is
 * kept within range when the rows shrink, e.g. after a filter.
 */
export function usePage<T>(rows: T[], size = PAGE_SIZE): PageOf<T> {
  const [wanted, show] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(wanted, pages - 1);
  const first = page * size;
  const slice = rows.slice(first, first + size);
  return { rows: slice, first: rows.length === 0 ? 0 : first + 1, last: first + slice.length, total: rows.length, page, pages, show };
}
