import { expect, type Page } from '@playwright/test';

/**
 * For each name (a command such as docker-credential-registry-desk): how often it shows in the page's
 * visible text, and how often it is drawn over more than one line (Chromium breaks after a hyphen).
 * Test files compile without DOM types: the page evaluates the expression as text.
 */
const NAME_LINES = `((names) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return names.map((name) => {
    let seen = 0;
    let broken = 0;
    for (const node of nodes) {
      for (let at = node.data.indexOf(name); at >= 0; at = node.data.indexOf(name, at + 1)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + name.length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (rects.length === 0) continue;
        seen += 1;
        if (new Set(rects.map((rect) => Math.round(rect.top))).size > 1) broken += 1;
      }
    }
    return { name, seen, broken };
  });
})`;

/** Each name shows at least once, and never broken over two lines. */
export async function expectNamesUnbroken(page: Page, names: string[], where: string): Promise<void> {
  const found = await page.evaluate<{ name: string; seen: number; broken: number }[]>(`${NAME_LINES}(${JSON.stringify(names)})`);
  expect(found.filter((entry) => entry.seen === 0).map((entry) => entry.name), `${where}: names not shown`).toEqual([]);
  expect(found.filter((entry) => entry.broken > 0).map((entry) => `${entry.name} (${entry.broken} of ${entry.seen})`), `${where}: names broken over two lines`).toEqual([]);
}

/**
 * Every visible <time> whose phrase is drawn over more than one line ("4 秒钟" / "前" in a narrow
 * cell): the text of each is measured as one range, and its boxes must share one line.
 */
const BROKEN_TIMES = `(() => {
  const found = [];
  for (const time of document.querySelectorAll('time')) {
    const range = document.createRange();
    range.selectNodeContents(time);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
    if (rects.length === 0) continue;
    const top = Math.min(...rects.map((rect) => rect.top));
    if (rects.some((rect) => rect.top >= top + rect.height / 2)) found.push(time.textContent.trim());
  }
  return found;
})()`;

/** A time phrase never breaks inside itself (issue 16 §3): every visible <time> lies on one line. */
export async function expectTimesUnbroken(page: Page, where: string): Promise<void> {
  expect(await page.evaluate<string[]>(BROKEN_TIMES), `${where}: times broken over two lines`).toEqual([]);
}
