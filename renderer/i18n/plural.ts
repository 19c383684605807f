import type { MessageKey, MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';

/** The catalogue texts of one count: English says "1 change" and "2 changes", Chinese has one form. */
export interface PluralKeys {
  one: MessageKey;
  other: MessageKey;
}

/** The text for `count` by the language's own plural rules. */
export function pluralKey(language: Language, count: number, keys: PluralKeys): MessageKey {
  return new Intl.PluralRules(language).select(count) === 'one' ? keys.one : keys.other;
}

/** "1 workload", "3 workloads": the count, in the language's digits, in its plural form. */
export function countText(t: (key: MessageKey, params?: MessageParams) => string, language: Language, count: number, keys: PluralKeys): string {
  return t(pluralKey(language, count, keys), { count: count.toLocaleString(language) });
}
