/**
 * JSON.parse with an error that says where, never what: V8's message quotes the text around the
 * mistake, and in a docker config that text can be a password.
 */
export type JsonParse = { ok: true; value: unknown } | { ok: false; detail: string };

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const place = /line (\d+) column (\d+)/.exec(message);
    if (place) return { ok: false, detail: `line ${place[1]}, column ${place[2]}` };
    const position = /position (\d+)/.exec(message);
    if (position) return { ok: false, detail: lineAndColumn(text, Number(position[1])) };
    return { ok: false, detail: text.trim() === '' ? 'the text is empty' : 'it ends too early or has an unexpected character' };
  }
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
