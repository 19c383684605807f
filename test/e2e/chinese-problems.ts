import { expect, type Page } from '@playwright/test';
import { enErrors, enMessages } from '../../shared/i18n/en';
import { LATIN_TERMS } from '../support/catalogue-review';

/** Visible texts of labels, headers, buttons, tabs and options, outside code and YAML. */
const LABEL_TEXTS = `(() => {
  const selector = 'button, label, th, h1, h2, h3, h4, legend, summary, option, [role="tab"], .badge';
  const verbatim = 'code, pre, .mono, .host-text, [data-testid="sync-yaml"]';
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
  // A label's own words, without the server address or name it shows verbatim beside them.
  const ownText = (element) => [...element.querySelectorAll(verbatim)].reduce((text, part) => text.replace(part.innerText, ' '), element.innerText);
  return [...document.querySelectorAll(selector)]
    .filter((element) => visible(element) && !element.closest(verbatim))
    // innerText is already upper-cased by the style: whether lower-case letters were shouted is in textContent.
    .map((element) => ({ text: ownText(element).trim(), shouted: getComputedStyle(element).textTransform === 'uppercase' && /[a-z]/.test(element.textContent) }))
    .filter(({ text }) => text.length > 0);
})()`;

const KEYS = new Set([...Object.keys(enMessages), ...Object.keys(enErrors)]);
const CJK = /[\u3400-\u9fff]/;

/** A label with no Chinese that is not only allowed terms, the operator's names, numbers and punctuation. */
function latinOnlyLabel(text: string, allowed: readonly string[]): boolean {
  if (CJK.test(text)) return false;
  let rest = text;
  for (const word of allowed) rest = rest.replaceAll(word, ' ');
  return /[A-Za-z]{2,}/.test(rest);
}

/**
 * What an operator reading Chinese would trip over on the screen shown: an untranslated catalogue
 * key, a Latin-only label, an all-caps header. `operatorWords` are the names the operator typed or
 * the clusters hold (registries, hosts, users, contexts, namespaces): shown as written in every language.
 */
export async function chineseProblems(page: Page, where: string, operatorWords: readonly string[]): Promise<string[]> {
  const allowed = [...LATIN_TERMS, ...operatorWords].sort((a, b) => b.length - a.length);
  const problems: string[] = [];
  const body = await page.locator('body').innerText();
  for (const token of body.match(/\b[a-zA-Z]+(?:\.[\w-]+)+\b/g) ?? []) if (KEYS.has(token)) problems.push(`${where}: untranslated key ${token}`);
  for (const { text, shouted } of await page.evaluate<Array<{ text: string; shouted: boolean }>>(LABEL_TEXTS)) {
    if (latinOnlyLabel(text, allowed)) problems.push(`${where}: Latin-only label "${text}"`);
    if (shouted) problems.push(`${where}: all-caps "${text}"`);
  }
  return problems;
}

/**
 * The Chinese screen shown has none of `chineseProblems`, for a picture taken outside
 * `shotsInEachLanguage` (a dialog a resize would close, a state only reached in Chinese).
 */
export async function expectReadableInChinese(page: Page, where: string, operatorWords: readonly string[]): Promise<void> {
  expect(await chineseProblems(page, where, operatorWords)).toEqual([]);
}

/** An image's platforms as its index names them (os/architecture[/variant]): data, shown as written in every language. */
export const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386'];
