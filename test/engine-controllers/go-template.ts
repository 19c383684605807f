// How External Secrets v2.9.0 renders `target.template.data` (runtime/template/v2/template.go):
// Go's text/template with delimiters {{ }}, Option("missingkey=error"), the sprig functions of
// runtime/template/v2/sprig, executed over map[string]string (every provider or generator output
// key as a string). This renderer does the part of that the app's templates use — text, field
// access `.key`, string literals, pipelines `a | f`, and printf, b64enc, toJson — with Go's
// results and Go's failures; anything else is refused, so a template outside the subset fails
// here instead of passing untested. test/unit/eso-templates.test.ts cross-checks it against Go.

export class TemplateError extends Error {}

type Token = { kind: 'pipe' } | { kind: 'field'; path: string[] } | { kind: 'dot' } | { kind: 'string'; value: string } | { kind: 'identifier'; name: string };

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'false']);
const GO_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

function readString(action: string, start: number): { value: string; end: number } {
  if (action[start] === '`') {
    const end = action.indexOf('`', start + 1);
    if (end === -1) throw new TemplateError('unterminated raw quoted string');
    return { value: action.slice(start + 1, end), end: end + 1 };
  }
  let value = '';
  for (let index = start + 1; index < action.length; index += 1) {
    const char = action[index]!;
    if (char === '"') return { value, end: index + 1 };
    if (char === '\n') throw new TemplateError('unterminated quoted string');
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = action[index + 1] ?? '';
    if (!Object.hasOwn(GO_ESCAPES, next)) throw new TemplateError(`escape \\${next} is outside the subset this renderer supports`);
    value += GO_ESCAPES[next];
    index += 1;
  }
  throw new TemplateError('unterminated quoted string');
}

function tokens(action: string): Token[] {
  const result: Token[] = [];
  let index = 0;
  while (index < action.length) {
    const char = action[index]!;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') index += 1;
    else if (char === '|') {
      result.push({ kind: 'pipe' });
      index += 1;
    } else if (char === '"' || char === '`') {
      const read = readString(action, index);
      result.push({ kind: 'string', value: read.value });
      index = read.end;
    } else if (char === '.') {
      const match = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(action.slice(index));
      if (match) {
        result.push({ kind: 'field', path: match[0].slice(1).split('.') });
        index += match[0].length;
      } else {
        result.push({ kind: 'dot' });
        index += 1;
      }
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(action.slice(index));
      if (!match) throw new TemplateError(`unexpected "${char}" in an action: outside the subset this renderer supports`);
      if (KEYWORDS.has(match[0])) throw new TemplateError(`"${match[0]}" is outside the subset this renderer supports`);
      result.push({ kind: 'identifier', name: match[0] });
      index += match[0].length;
    }
  }
  return result;
}

// ---------------------------------------------------------------- the sprig functions the app uses

const HEX = '0123456789abcdef';

/** encoding/json's string encoding (Go ≥ 1.22, escapeHTML on), as sprig's toJson gets it from json.Marshal. */
export function goJsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || char === '<' || char === '>' || char === '&') out += `\\u00${HEX[code >> 4]}${HEX[code & 15]}`;
    else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else out += char;
  }
  return `${out}"`;
}

/** fmt.Sprintf for the verbs %s, %v and %%, with Go's markers for missing and extra operands. */
function printf(format: string, args: string[]): string {
  let used = 0;
  const out = format.replace(/%(.?)/g, (_whole, verb: string) => {
    if (verb === '%') return '%';
    if (verb !== 's' && verb !== 'v') throw new TemplateError(`printf verb %${verb} is outside the subset this renderer supports`);
    return used < args.length ? args[used++]! : `%!${verb}(MISSING)`;
  });
  const extra = args.slice(used);
  return extra.length === 0 ? out : `${out}%!(EXTRA ${extra.map((arg) => `string=${arg}`).join(', ')})`;
}

const FUNCTIONS: Record<string, { arity: number | 'variadic'; call: (args: string[]) => string }> = {
  printf: { arity: 'variadic', call: ([format, ...rest]) => printf(format!, rest) },
  b64enc: { arity: 1, call: ([text]) => Buffer.from(text!, 'utf8').toString('base64') },
  toJson: { arity: 1, call: ([text]) => goJsonString(text!) },
};

// ---------------------------------------------------------------- execution

function operand(token: Token, data: Record<string, string>): string {
  switch (token.kind) {
    case 'string':
      return token.value;
    case 'field': {
      const [key, ...rest] = token.path;
      if (!Object.hasOwn(data, key!)) throw new TemplateError(`executing: map has no entry for key "${key}"`);
      if (rest.length > 0) throw new TemplateError(`executing: can't evaluate field ${rest[0]} in type string`);
      return data[key!]!;
    }
    case 'dot':
      throw new TemplateError('printing "." (the whole data map) is outside the subset this renderer supports');
    default:
      throw new TemplateError(`unexpected ${token.kind} as an operand`);
  }
}

function command(words: Token[], piped: string | undefined, data: Record<string, string>): string {
  const [head, ...rest] = words;
  if (!head) throw new TemplateError('missing value for command');
  if (head.kind !== 'identifier') {
    if (rest.length > 0 || piped !== undefined) throw new TemplateError("can't give argument to non-function");
    return operand(head, data);
  }
  if (!Object.hasOwn(FUNCTIONS, head.name)) throw new TemplateError(`function "${head.name}" not defined (or outside the subset this renderer supports)`);
  const fn = FUNCTIONS[head.name]!;
  const args = [...rest.map((word) => operand(word, data)), ...(piped === undefined ? [] : [piped])];
  if (fn.arity === 'variadic' ? args.length < 1 : args.length !== fn.arity) throw new TemplateError(`wrong number of args for ${head.name}: got ${args.length}`);
  return fn.call(args);
}

function pipeline(action: string, data: Record<string, string>): string {
  const commands: Token[][] = [[]];
  for (const token of tokens(action)) {
    if (token.kind === 'pipe') commands.push([]);
    else commands.at(-1)!.push(token);
  }
  let value: string | undefined;
  for (const words of commands) value = command(words, value, data);
  return value!;
}

/** The template rendered over `data` as External Secrets would, or the TemplateError it would fail with. */
export function renderGoTemplate(template: string, data: Record<string, string>): string {
  let out = '';
  let index = 0;
  for (;;) {
    const open = template.indexOf('{{', index);
    if (open === -1) return out + template.slice(index);
    out += template.slice(index, open);
    const body = template.slice(open + 2);
    if (body.startsWith('-') || body.startsWith('/*')) throw new TemplateError('trim markers and comments are outside the subset this renderer supports');
    const close = closingDelimiter(body);
    const action = body.slice(0, close);
    if (action.trimEnd().endsWith(' -')) throw new TemplateError('trim markers are outside the subset this renderer supports');
    out += pipeline(action, data);
    index = open + 2 + close + 2;
  }
}

/** Where the action's `}}` is: the first one outside a quoted string, as Go's lexer finds it. */
function closingDelimiter(body: string): number {
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index]!;
    if (char === '"' || char === '`') index = readString(body, index).end - 1;
    else if (body.startsWith('}}', index)) return index;
  }
  throw new TemplateError('unclosed action');
}
