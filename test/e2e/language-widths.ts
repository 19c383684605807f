import { expect, type Page } from '@playwright/test';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { expectNoStretchedButtons, expectSelectsMatchInputs } from './controls-fit';
import { expectReadableInChinese } from './chinese-problems';
import type { App } from './harness';
import { expectNamesUnbroken, expectTimesUnbroken } from './names-unbroken';
import { expectTablesFit } from './tables-fit';

/** The languages and window widths every state is pictured in (issue 16: "English and Chinese at 1024 and 1280 px"). */
export const LANGUAGES = ['en', 'zh-CN'] as const satisfies readonly Language[];
export const WIDTHS = [1024, 1280] as const;

/** The OS locale each language stands for. */
const LOCALE: Record<Language, string> = { en: 'en-US', 'zh-CN': 'zh-CN' };

/**
 * Changes the app's language where it stands, the way a change of the OS locale does while no
 * language is chosen in Settings and about: the renderer follows `languagechange`. Unlike
 * `chooseLanguage` the screen is not left, so a preview, an apply's progress or an open dialog stay
 * as they are. Test files compile without DOM types: the page evaluates the expression as text.
 */
export async function followOsLanguage(page: Page, language: Language): Promise<void> {
  await page.evaluate(`(() => {
    Object.defineProperty(navigator, 'language', { value: ${JSON.stringify(LOCALE[language])}, configurable: true });
    dispatchEvent(new Event('languagechange'));
  })()`);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** The catalogue of the language shown. */
type Text = (key: MessageKey, params?: MessageParams) => string;

export interface LanguageShotOptions {
  /** Asserts what makes the state true in the language shown, with that language's catalogue; runs once per language. */
  check?: (language: Language, text: Text) => Promise<void>;
  /** Names (commands, pods, words) that must show whole at each width, or the language's own list. */
  unbroken?: string[] | ((language: Language, text: Text) => string[]);
  /**
   * Names the operator typed or the clusters hold (registries, hosts, users, contexts, namespaces,
   * kubelet's event reasons), shown as written on the Chinese pictures too: the only Latin a label
   * may carry besides the kept terms.
   */
  operatorWords?: string[];
  height?: number;
}

/**
 * The state on screen in English and Chinese at 1024 and 1280 px, as
 * test-results/screens/<name>-<language>-<width>.png: per language its `check`, per width the
 * tables fit the window, selects match their inputs, no button is stretched and no time phrase breaks; every Chinese picture
 * has no untranslated key, no Latin-only label and no all-caps header. The page is left in English at 1280 px.
 */
export async function shotsInEachLanguage(app: App, name: string, options: LanguageShotOptions = {}): Promise<void> {
  const { page } = app;
  for (const language of LANGUAGES) {
    await followOsLanguage(page, language);
    const text: Text = (key, params) => translate(language, key, params);
    await options.check?.(language, text);
    const unbroken = typeof options.unbroken === 'function' ? options.unbroken(language, text) : options.unbroken;
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: options.height ?? 820 });
      const where = `${name} in ${language} at ${width} px`;
      await expectTablesFit(page, where);
      await expectSelectsMatchInputs(page, where);
      await expectNoStretchedButtons(page, where);
      if (unbroken) await expectNamesUnbroken(page, unbroken, where);
      await expectTimesUnbroken(page, where);
      if (language === 'zh-CN') await expectReadableInChinese(page, where, options.operatorWords ?? []);
      await app.screenshot(`${name}-${language}-${width}`);
    }
  }
  await followOsLanguage(page, 'en');
  await page.setViewportSize({ width: 1280, height: options.height ?? 820 });
}
