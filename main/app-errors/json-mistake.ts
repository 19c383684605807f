// Where JSON text breaks, found by the app's own scan of JSON's grammar (RFC 8259): the one
// describer for every JSON the app reports on. It never quotes the text (V8's messages do, and in a
// docker config or a pull secret that text can be a password), and it does not read V8's message,
// which on Node 24 often carries no position.

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9A-Fa-f]{4}$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** Where the first mistake is, and whether it is that the text stops there. */
interface JsonMistake {
  offset: number;
  endsEarly: boolean;
}

/** After a string opened at `start`: the offset just past it, or the mistake in it. */
function skipString(text: string, start: number): number | JsonMistake {
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '"') return index + 1;
    if (character < ' ') return { offset: index, endsEarly: false };
    if (character !== '\\') continue;
    const escape = text[index + 1];
    if (escape === undefined) break;
    if (escape === 'u') {
      if (!HEX.test(text.slice(index + 2, index + 6))) return { offset: index, endsEarly: index + 6 > text.length };
      index += 5;
    } else if (ESCAPES.has(escape)) index += 1;
    else return { offset: index + 1, endsEarly: false };
  }
  return { offset: text.length, endsEarly: true };
}

/** A scalar (string, number, literal) at `index`: the offset just past it, or the mistake. */
function skipScalar(text: string, index: number): number | JsonMistake {
  const character = text[index]!;
  if (character === '"') return skipString(text, index);
  const literal = LITERALS.find((word) => word[0] === character);
  if (literal) {
    if (text.startsWith(literal, index)) return index + literal.length;
    const endsEarly = literal.startsWith(text.slice(index));
    return { offset: endsEarly ? text.length : index, endsEarly };
  }
  NUMBER.lastIndex = index;
  const number = NUMBER.exec(text);
  if (!number) return text.slice(index) === '-' ? { offset: text.length, endsEarly: true } : { offset: index, endsEarly: false };
  const end = index + number[0].length;
  // `1.` or `1e+` at the very end stop in the middle of a number.
  if (/^(?:\.|[eE][+-]?)$/.test(text.slice(end))) return { offset: text.length, endsEarly: true };
  return end;
}

type Expected = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'separator' | 'end';

/**
 * The first mistake in `text` by JSON's grammar (RFC 8259), or null. Iterative, so a hostile
 * nesting depth costs memory for the stack of open brackets only.
 */
export function findJsonMistake(text: string): JsonMistake | null {
  const open: ('{' | '[')[] = [];
  let expected: Expected = 'value';
  let index = 0;
  const afterValue = () => (open.length === 0 ? 'end' : 'separator');
  for (;;) {
    while (index < text.length && WHITESPACE.has(text[index]!)) index += 1;
    if (index >= text.length) return expected === 'end' ? null : { offset: index, endsEarly: true };
    const character = text[index]!;
    if (expected === 'end') return { offset: index, endsEarly: false };
    if (expected === 'colon') {
      if (character !== ':') return { offset: index, endsEarly: false };
      expected = 'value';
      index += 1;
    } else if (expected === 'separator') {
      const inObject = open.at(-1) === '{';
      if (character === ',') expected = inObject ? 'key' : 'value';
      else if (character === (inObject ? '}' : ']')) {
        open.pop();
        expected = afterValue();
      } else return { offset: index, endsEarly: false };
      index += 1;
    } else if ((expected === 'firstKey' && character === '}') || (expected === 'firstValue' && character === ']')) {
      open.pop();
      expected = afterValue();
      index += 1;
    } else if (expected === 'key' || expected === 'firstKey') {
      if (character !== '"') return { offset: index, endsEarly: false };
      const end = skipString(text, index);
      if (typeof end !== 'number') return end;
      index = end;
      expected = 'colon';
    } else if (character === '{' || character === '[') {
      open.push(character);
      expected = character === '{' ? 'firstKey' : 'firstValue';
      index += 1;
    } else {
      const end = skipScalar(text, index);
      if (typeof end !== 'number') return end;
      index = end;
      expected = afterValue();
    }
  }
}

/** `line 3, column 14` (both from 1; columns in characters), for an offset into `text`. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** What is wrong with JSON text that did not parse: where, and whether it simply stops too early. */
export function describeJsonMistake(text: string): string {
  if (text.trim() === '') return 'the text is empty';
  const mistake = findJsonMistake(text);
  if (!mistake) return 'not valid JSON';
  const place = lineAndColumn(text, mistake.offset);
  return mistake.endsEarly ? `it ends too early, at ${place}` : place;
}
