import type { Page } from '@playwright/test';

/** Manage access → Status of `registry`, opened from the Clusters page; `context`'s card and its rows by namespace. */
export async function openStatusOf(page: Page, registry: string, context: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  await page.getByRole('button', { name: `Manage access ${registry}` }).click();
  await page.getByRole('tab', { name: 'Status' }).click();
  const card = page.locator(`[data-testid="status-context"][data-context="${context}"]`);
  return { card, rowOf: (namespace: string) => card.locator(`[data-testid="status-row"][data-namespace="${namespace}"]`) };
}
