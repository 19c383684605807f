import { expect, type Page } from '@playwright/test';

/**
 * What overflows among the page's visible tables: a table wider than its frame (the frame scrolls
 * sideways), a table running past the window's right edge, or a cell whose content is clipped;
 * and, on a Chinese page, a header set in capitals (Chinese has none: "POD（容器）" shouts).
 * A genuine matrix (columns grow with the data) may scroll, but only inside a frame marked
 * `data-matrix` whose first column stays in place (position: sticky).
 * Test files compile without DOM types: the page evaluates the expression as text.
 */
const OVERFLOWS = `(() => {
  const found = [];
  const chinese = document.documentElement.lang.startsWith('zh');
  for (const table of document.querySelectorAll('table')) {
    if (table.getClientRects().length === 0) continue;
    const name = (table.querySelector('caption')?.textContent || table.className || 'table').trim();
    const frame = table.parentElement;
    const matrix = frame.hasAttribute('data-matrix');
    if (matrix) {
      const first = table.querySelector('tbody tr > :first-child');
      if (first && getComputedStyle(first).position !== 'sticky') found.push(name + ': a scrolling matrix without a sticky first column');
    } else if (frame.scrollWidth > frame.clientWidth + 1) {
      found.push(name + ': scrolls sideways by ' + (frame.scrollWidth - frame.clientWidth) + ' px');
    }
    const right = Math.min(table.getBoundingClientRect().right, frame.getBoundingClientRect().right);
    if (right > document.documentElement.clientWidth + 1) found.push(name + ': runs ' + Math.round(right - document.documentElement.clientWidth) + ' px past the window');
    for (const cell of table.querySelectorAll('th, td')) {
      if (cell.getClientRects().length === 0) continue;
      if (chinese && getComputedStyle(cell).textTransform === 'uppercase') found.push(name + ': capitals in "' + cell.textContent.trim().slice(0, 40) + '"');
      if (cell.scrollWidth > cell.clientWidth + 1) found.push(name + ': clips "' + cell.textContent.trim().slice(0, 40) + '"');
    }
  }
  return found;
})()`;

/** Every visible table fits its frame and the window: no sideways scrolling, nothing clipped, no capitals in Chinese. */
export async function expectTablesFit(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(OVERFLOWS), `${where}: tables that do not fit`).toEqual([]);
}
