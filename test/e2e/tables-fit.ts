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

/**
 * Every visible table fits its frame and the window: no sideways scrolling, nothing clipped, no
 * capitals in Chinese, and every column head on one line (a head wrapped over three lines is a
 * table that does not fit either).
 */
export async function expectTablesFit(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(OVERFLOWS), `${where}: tables that do not fit`).toEqual([]);
  await expectHeadsOnOneLine(page, where);
}

/**
 * Column heads broken over lines ("Registry / type ↕"): each run of a visible head's text that
 * shares one box (the head itself, or a stacked part of it such as a sort button or a detail line)
 * must lie on one line. Lines are told apart by their text boxes not overlapping vertically.
 */
const WRAPPED_HEADS = `(() => {
  const found = [];
  for (const head of document.querySelectorAll('thead th')) {
    if (head.getClientRects().length === 0) continue;
    const runs = new Map();
    const walker = document.createTreeWalker(head, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.trim() === '') continue;
      let box = node.parentElement;
      while (box !== head && getComputedStyle(box).display === 'inline') box = box.parentElement;
      // Visually hidden text (a 1 px box) is for screen readers: it has no lines to keep.
      if (box.getBoundingClientRect().width < 2) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      runs.set(box, [...(runs.get(box) || []), ...[...range.getClientRects()].filter((rect) => rect.width > 0)]);
    }
    for (const [box, rects] of runs) {
      rects.sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const rect of rects) {
        if (rect.top >= bottom - 2) lines += 1;
        bottom = Math.max(bottom, rect.bottom);
      }
      if (lines > 1) found.push('"' + box.textContent.trim().slice(0, 40) + '" takes ' + lines + ' lines');
    }
  }
  return found;
})()`;

/** Every visible column head reads on one line (a head stacked by design keeps each of its parts on one line). */
export async function expectHeadsOnOneLine(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(WRAPPED_HEADS), `${where}: column heads broken over lines`).toEqual([]);
}

/** The left edge of each column head of every visible table the selector finds, table by table. */
const COLUMN_EDGES = `((selector) => [...document.querySelectorAll(selector)]
  .filter((table) => table.getClientRects().length > 0)
  .map((table) => [...table.querySelectorAll('thead th')].map((head) => Math.round(head.getBoundingClientRect().left))))`;

/** The tables of one screen (each cluster's card) share one column layout: every column starts at the same x in each. */
export async function expectTablesShareColumns(page: Page, selector: string, where: string): Promise<void> {
  const edges = await page.evaluate<number[][]>(`${COLUMN_EDGES}(${JSON.stringify(selector)})`);
  expect(edges.length, `${where}: tables found`).toBeGreaterThan(1);
  for (const table of edges.slice(1)) expect(table, `${where}: columns of a table against the first's`).toEqual(edges[0]);
}
