/**
 * Kubernetes label selectors as `kubectl get -l` takes them: `k`, `!k`, `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, joined by commas. Parsed on both sides so the form can say
 * what is wrong before a cluster is asked, and main sends the API server only valid selectors.
 */
export type LabelRequirement =
  | { key: string; operator: 'exists' | 'not-exists' }
  | { key: string; operator: 'equals' | 'not-equals'; value: string }
  | { key: string; operator: 'in' | 'not-in'; values: string[] };

export type LabelSelectorParse = { ok: true; requirements: LabelRequirement[] } | { ok: false; detail: string };

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export function labelKeyProblem(key: string): string | null {
  const slash = key.indexOf('/');
  const [prefix, name] = slash === -1 ? [null, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== null && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `"${key}": the prefix must be a DNS subdomain`;
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `"${key}": a label key must be 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  return null;
}

export function labelValueProblem(value: string): string | null {
  return value.length <= 63 && VALUE.test(value)
    ? null
    : `"${value}": a label value must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
}

type Token = { kind: 'word'; text: string } | { kind: 'symbol'; text: string };

const TOKEN = /\s*(==|!=|=|!|\(|\)|,|[^\s=!(),]+)/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) break;
    const part = match[1]!;
    tokens.push(/^(==|!=|=|!|\(|\)|,)$/.test(part) ? { kind: 'symbol', text: part } : { kind: 'word', text: part });
  }
  return tokens;
}

class SelectorError extends Error {}

function parser(tokens: Token[]) {
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];
  const expectWord = (what: string): string => {
    const token = take();
    if (token?.kind !== 'word') throw new SelectorError(`expected ${what}${token ? ` but found "${token.text}"` : ' at the end'}`);
    return token.text;
  };
  const expectSymbol = (symbol: string) => {
    const token = take();
    if (token?.kind !== 'symbol' || token.text !== symbol) throw new SelectorError(`expected "${symbol}"${token ? ` but found "${token.text}"` : ' at the end'}`);
  };
  const checked = <T extends string>(text: T, problem: (text: string) => string | null): T => {
    const found = problem(text);
    if (found) throw new SelectorError(found);
    return text;
  };

  function values(): string[] {
    expectSymbol('(');
    const found: string[] = [];
    for (;;) {
      found.push(checked(expectWord('a value'), labelValueProblem));
      const next = take();
      if (next?.text === ')') return found;
      if (next?.text !== ',') throw new SelectorError(`expected "," or ")" in the value list`);
    }
  }

  function requirement(): LabelRequirement {
    if (peek()?.text === '!') {
      take();
      return { key: checked(expectWord('a label key after "!"'), labelKeyProblem), operator: 'not-exists' };
    }
    const key = checked(expectWord('a label key'), labelKeyProblem);
    const next = peek();
    if (next === undefined || next.text === ',') return { key, operator: 'exists' };
    take();
    if (next.text === '=' || next.text === '==' || next.text === '!=') {
      const value = peek()?.kind === 'word' ? take()!.text : '';
      return { key, operator: next.text === '!=' ? 'not-equals' : 'equals', value: checked(value, labelValueProblem) };
    }
    if (next.text === 'in' || next.text === 'notin') return { key, operator: next.text === 'in' ? 'in' : 'not-in', values: values() };
    throw new SelectorError(`unexpected "${next.text}" after "${key}"`);
  }

  return {
    selector(): LabelRequirement[] {
      const requirements = [requirement()];
      while (at < tokens.length) {
        expectSymbol(',');
        requirements.push(requirement());
      }
      return requirements;
    },
  };
}

export function parseLabelSelector(text: string): LabelSelectorParse {
  if (text.trim() === '') return { ok: false, detail: 'the selector is empty' };
  try {
    return { ok: true, requirements: parser(tokenize(text)).selector() };
  } catch (error) {
    if (error instanceof SelectorError) return { ok: false, detail: error.message };
    throw error;
  }
}

/** Whether a label set satisfies the selector, as the API server decides it. */
export function matchesLabels(requirements: LabelRequirement[], labels: Record<string, string>): boolean {
  return requirements.every((requirement) => {
    const has = Object.hasOwn(labels, requirement.key);
    const value = labels[requirement.key];
    switch (requirement.operator) {
      case 'exists':
        return has;
      case 'not-exists':
        return !has;
      case 'equals':
        return has && value === requirement.value;
      case 'not-equals':
        return !has || value !== requirement.value;
      case 'in':
        return has && requirement.values.includes(value!);
      case 'not-in':
        return !has || !requirement.values.includes(value!);
    }
  });
}
