import { describeJsonMistake } from './json-mistake';

/** JSON.parse with an error that says where, never what (see json-mistake.ts). */
export type JsonParse = { ok: true; value: unknown } | { ok: false; detail: string };

export function parseJsonText(text: string): JsonParse {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, detail: describeJsonMistake(body) };
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
