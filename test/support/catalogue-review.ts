// The rules the Chinese catalogue keeps against the English one, as functions that return the
// offending keys, so the unit test can show each rule catching a bad entry as well as passing ours.

export type Catalogue = Record<string, string>;

/** Names kept in Latin script in Chinese, as Kubernetes' own Chinese documentation keeps them. */
export const LATIN_TERMS = [
  'Registry Desk',
  'ServiceAccount',
  'Secret',
  'Kubernetes',
  'External Secrets Operator',
  'Reflector',
  'Kyverno',
  'Electron',
  'Chromium',
  'Node.js',
  'English',
  'ECR',
  'Docker',
  'Azure',
  'GCR',
  'Quay',
  'AWS',
] as const;

const LONGEST_FIRST = [...LATIN_TERMS].sort((a, b) => b.length - a.length);

/** Command syntax shown to copy, where Latin words are the command, not an untranslated phrase. */
export const COMMAND_SYNTAX_KEYS = new Set(['accessForm.labelSelectorHint']);

const CJK = /[\u3400-\u9fff]/;
const PLACEHOLDER = /\{\w+\}/g;
/** A kubectl command runs to the first character that is not printable ASCII. */
const KUBECTL = /kubectl[ -~]*/g;
const CODE = /`[^`]*`/g;
const ENGLISH_WORDS = /\b(the|of|may|not|create|update|delete|patch|and|is|to|with|for|from|this|that|are|will|cannot|none|all|or)\b/i;

function placeholders(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER) ?? [])].sort();
}

/** Keys of en that zh lacks. */
export function missingKeys(en: Catalogue, zh: Catalogue): string[] {
  return Object.keys(en).filter((key) => !Object.hasOwn(zh, key));
}

/** Keys whose zh text is the en text, unless that text is only allowed terms and placeholders. */
export function untranslated(en: Catalogue, zh: Catalogue): string[] {
  return Object.keys(en).filter((key) => zh[key] === en[key] && !onlyTerms(en[key]!));
}

function onlyTerms(text: string): boolean {
  let rest = text.replace(PLACEHOLDER, ' ');
  for (const term of LONGEST_FIRST) rest = rest.replaceAll(term, ' ');
  return !/[A-Za-z]/.test(rest);
}

/** Keys whose zh text has no Chinese at all, unless it is only allowed terms (a product name, a type). */
export function latinOnly(zh: Catalogue): string[] {
  return Object.keys(zh).filter((key) => !CJK.test(zh[key]!) && !onlyTerms(zh[key]!) && zh[key] !== '{repository}:{reference}');
}

/** Keys whose zh text leaves English words in a Chinese sentence ("无权执行 create"), commands aside. */
export function halfTranslated(zh: Catalogue): string[] {
  return Object.keys(zh).filter((key) => {
    if (COMMAND_SYNTAX_KEYS.has(key)) return false;
    const prose = zh[key]!.replace(PLACEHOLDER, ' ').replace(CODE, ' ').replace(KUBECTL, ' ');
    return CJK.test(prose) && ENGLISH_WORDS.test(prose);
  });
}

/**
 * Keys where en speaks of a Kubernetes Secret and zh calls it 密钥, the product document's word
 * for keys (JSON 密钥文件, 访问密钥). A text about both a secret and a key may use 密钥 for the key.
 */
export function secretCalledKey(en: Catalogue, zh: Catalogue): string[] {
  return Object.keys(en).filter((key) => {
    // A placeholder such as {key} names a value, not a key: it must not excuse 密钥 for a Secret.
    const english = en[key]!.replace(PLACEHOLDER, ' ').replace(/secret access key|secret service|secretAccessKey/gi, ' ');
    // 拉取密钥 ("pull key") is always the pull Secret misnamed: images are pulled with no key of their own.
    if (zh[key]?.includes('拉取密钥') === true) return true;
    return /\bsecrets?\b/i.test(english) && !/\bkeys?\b/i.test(english) && zh[key]?.includes('密钥') === true;
  });
}

/** Keys whose placeholders differ between en and zh (a value that would never be filled in). */
export function placeholderMismatches(en: Catalogue, zh: Catalogue): string[] {
  return Object.keys(en).filter((key) => Object.hasOwn(zh, key) && placeholders(en[key]!).join() !== placeholders(zh[key]!).join());
}
