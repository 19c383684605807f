import type { Language } from '../schemas';
import { enErrors, enMessages, type ErrorCode, type MessageKey } from './en';
import { zhErrors, zhMessages } from './zh-CN';

export type { ErrorCode, MessageKey } from './en';
export type MessageParams = Record<string, string | number>;

const CATALOGUES: Record<Language, { messages: Record<MessageKey, string>; errors: Record<ErrorCode, string> }> = {
  en: { messages: enMessages, errors: enErrors },
  'zh-CN': { messages: zhMessages, errors: zhErrors },
};

function fill(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
