import type { Page } from '@playwright/test';
import type { MessageKey } from '../../shared/i18n';
import { translate } from '../../shared/i18n';

/** Runs one of a registry row's secondary actions: opens the row's "More actions" menu and picks the item. */
export async function chooseRowAction(page: Page, registry: string, item: MessageKey, language: 'en' | 'zh-CN' = 'en'): Promise<void> {
  await page.getByRole('button', { name: translate(language, 'registryList.more', { name: registry }), exact: true }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: translate(language, item), exact: true }).click();
}
