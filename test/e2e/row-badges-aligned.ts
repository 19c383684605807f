import type { Locator } from '@playwright/test';
import { expect } from './harness';

/** The parts of an element the check reads (test files compile without DOM types). */
interface Box {
  getBoundingClientRect(): { top: number; height: number };
  querySelector(selector: string): Box | null;
  querySelectorAll(selector: string): ArrayLike<Box>;
  ownerDocument: { defaultView: { getComputedStyle(node: Box): { paddingTop: string; lineHeight: string } } };
  textContent: string | null;
  firstChild: Box | null;
}

/**
 * In each namespace row of a Manage access table (preview or status), the namespace's name and the
 * first badge of every cell read as one line: their vertical centres within 2 px. A cell with two
 * lines (a ServiceAccount's references, a can-i block) must not move its neighbours' badges down.
 */
export async function expectRowBadgesAligned(table: Locator, where: string): Promise<void> {
  const rows = table.locator('[data-testid="namespace-row"], [data-testid="status-row"]');
  expect(await rows.count(), where).toBeGreaterThan(0);
  for (const row of await rows.all()) {
    const line = await row.evaluate((element) => {
      const tr = element as unknown as Box;
      const name = tr.querySelector('th')!;
      const style = name.ownerDocument.defaultView.getComputedStyle(name);
      const nameCentre = name.getBoundingClientRect().top + parseFloat(style.paddingTop) + parseFloat(style.lineHeight) / 2;
      const badges = Array.from(tr.querySelectorAll('td'))
        .map((cell) => cell.querySelector('.badge'))
        .filter((badge): badge is Box => badge !== null)
        .map((badge) => ({ text: badge.textContent ?? '', centre: badge.getBoundingClientRect().top + badge.getBoundingClientRect().height / 2 }));
      // The name is the cell's first text; a detail line or button follows it.
      return { name: name.firstChild?.textContent ?? '', nameCentre, badges };
    });
    for (const badge of line.badges) {
      expect(Math.abs(badge.centre - line.nameCentre), `${where}: "${badge.text}" on the line of ${line.name}`).toBeLessThanOrEqual(2);
    }
  }
}
