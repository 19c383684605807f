import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * What axe finds serious or critical on the screen shown (or only inside `include`, a CSS
 * selector), each as "where: rule, help, the elements", so a failure says what to fix.
 */
export async function seriousAxeViolations(page: Page, where: string, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${where}: ${violation.id} ${violation.help} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** axe finds nothing serious or critical on the screen shown (or inside `include`). */
export async function expectNoSeriousAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  expect(await seriousAxeViolations(page, where, include)).toEqual([]);
}
