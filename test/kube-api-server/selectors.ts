// Label and field selectors with the grammar of k8s.io/apimachinery/pkg/labels and pkg/fields.
import { isLabelKey, isLabelValue } from './names';
import { badRequest } from './status';

type Labels = Record<string, string>;
type Matcher = (labels: Labels) => boolean;

interface Requirement {
  key: string;
  operator: 'exists' | 'notexists' | 'eq' | 'neq' | 'in' | 'notin' | 'gt' | 'lt';
  values: string[];
}

/** Splits on commas that are not inside an `in (…)` / `notin (…)` value set. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < selector.length; index += 1) {
    const char = selector[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(selector.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts.map((part) => part.trim());
}

const SET = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/;
const COMPARE = /^([^!=<>\s]+)\s*(==|!=|=|>|<)\s*(.*)$/;

function parseRequirement(text: string): Requirement {
  const set = SET.exec(text);
  if (set) return { key: set[1]!, operator: set[2] as 'in' | 'notin', values: set[3]!.split(',').map((value) => value.trim()) };
  const compare = COMPARE.exec(text);
  if (compare) {
    const operators = { '==': 'eq', '=': 'eq', '!=': 'neq', '>': 'gt', '<': 'lt' } as const;
    return { key: compare[1]!, operator: operators[compare[2] as keyof typeof operators], values: [compare[3]!.trim()] };
  }
  if (text.startsWith('!')) return { key: text.slice(1).trim(), operator: 'notexists', values: [] };
  return { key: text, operator: 'exists', values: [] };
}

function checkRequirement(requirement: Requirement): void {
  if (!isLabelKey(requirement.key)) throw badRequest(`unable to parse requirement: invalid label key "${requirement.key}"`);
  for (const value of requirement.values) {
    if ((requirement.operator === 'gt' || requirement.operator === 'lt') && !/^-?\d+$/.test(value)) {
      throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
    }
    if (!isLabelValue(value)) throw badRequest(`unable to parse requirement: invalid label value: "${value}"`);
  }
}

function matches(requirement: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'exists':
      return has;
    case 'notexists':
      return !has;
    case 'eq':
    case 'in':
      return has && requirement.values.includes(value!);
    case 'neq':
    case 'notin':
      return !has || !requirement.values.includes(value!);
    case 'gt':
      return has && /^-?\d+$/.test(value!) && Number(value) > Number(requirement.values[0]);
    case 'lt':
      return has && /^-?\d+$/.test(value!) && Number(value) < Number(requirement.values[0]);
  }
}

/** Parses `labelSelector`; an empty selector matches everything. Bad syntax is a 400, as on a real server. */
export function parseLabelSelector(selector: string | null): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const requirements = splitTopLevel(selector).map((text) => {
    if (text === '') throw badRequest(`unable to parse requirement: found '', expected: identifier`);
    const requirement = parseRequirement(text);
    checkRequirement(requirement);
    return requirement;
  });
  return (labels) => requirements.every((requirement) => matches(requirement, labels));
}

/** Parses `fieldSelector` (`=`, `==`, `!=`, comma = and) over the fields a resource supports. */
export function parseFieldSelector(selector: string | null, supported: readonly string[], unsupported: (field: string) => string): (fields: Labels) => boolean {
  if (!selector || selector.trim() === '') return () => true;
  const terms = selector.split(',').map((term) => {
    const match = /^([^!=]+?)\s*(==|!=|=)\s*(.*)$/.exec(term.trim());
    if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, operator, value] = match as unknown as [string, string, string, string];
    if (!supported.includes(field)) throw badRequest(unsupported(field));
    return { field, equal: operator !== '!=', value };
  });
  return (fields) => terms.every((term) => (fields[term.field] === term.value) === term.equal);
}
