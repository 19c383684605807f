import type { Language } from '../schemas';
import { enErrors, enMessages, type ErrorCode, type MessageKey } from './en';
import { zhErrors, zhMessages } from './zh-CN';

export type { ErrorCode, MessageKey } from './en';
export type MessageParams = Record<string, string | number>;

const CATALOGUES: Record<Language, { messages: Record<MessageKey, string>; errors: Record<ErrorCode, string> }> = {
  en: { messages: enMessages, errors: enErrors },
  'zh-CN': { messages: zhMessages, errors: zhErrors },
};

/** A Chinese character (CJK ideographs), and a Latin letter or digit. */
const HAN = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z0-9]/;

/**
 * Fills in the placeholders. Chinese text puts a space between Chinese and Latin words ("gcr.io 的 Google…");
 * a template cannot write it where a value may begin or end either way ("{registry} 的{what}": 令牌 or Google),
 * so the space is added at the placeholder's edge only when Chinese meets Latin there. English templates hold no Chinese.
 */
function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    const before = HAN.test(template.charAt(offset - 1)) && LATIN.test(value.charAt(0)) ? ' ' : '';
    const after = HAN.test(template.charAt(offset + whole.length)) && LATIN.test(value.charAt(value.length - 1)) ? ' ' : '';
    return `${before}${value}${after}`;
  });
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return fill(CATALOGUES[language].messages[key], params);
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(enErrors, code);
}

/** Unknown codes (e.g. from a newer main process) fall back to the English text sent with the error. */
export function errorText(language: Language, code: string, params?: MessageParams, fallback?: string): string {
  if (!isErrorCode(code)) return fallback ?? code;
  return fill(CATALOGUES[language].errors[code], params);
}

/** Chinese locales (zh, zh-CN, zh-Hans, zh-SG…) get Simplified Chinese; everything else English. */
export function languageForLocale(locale: string | undefined): Language {
  return locale && /^zh(-|_|$)/i.test(locale) ? 'zh-CN' : 'en';
}
