// Name, label and annotation rules of k8s.io/apimachinery/pkg/util/validation, with its messages.
import { type FieldError, invalidValue } from './status';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** Problems with a DNS-1123 label (namespace names), as the detail strings of field errors. */
export function labelNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 63) problems.push('must be no more than 63 characters');
  if (!LABEL.test(name)) problems.push(LABEL_MESSAGE);
  return problems;
}

/** Problems with a DNS-1123 subdomain (secret and service-account names). */
export function subdomainProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 253) problems.push('must be no more than 253 characters');
  if (!SUBDOMAIN.test(name)) problems.push(SUBDOMAIN_MESSAGE);
  return problems;
}

function qualifiedNameProblems(key: string): string[] {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash === -1 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
  const problems: string[] = [];
  if (slash !== -1 && prefix.length === 0) problems.push('prefix part must be non-empty');
  if (prefix) problems.push(...subdomainProblems(prefix).map((problem) => `prefix part ${problem}`));
  if (name.length === 0) problems.push('name part must be non-empty');
  else if (name.length > 63) problems.push('name part must be no more than 63 characters');
  else if (!QUALIFIED_NAME.test(name)) problems.push(NAME_PART_MESSAGE);
  return problems;
}

export function labelProblems(labels: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const problem of qualifiedNameProblems(key)) errors.push(invalidValue('metadata.labels', key, problem));
    if (value.length > 63) errors.push(invalidValue('metadata.labels', value, 'must be no more than 63 characters'));
    else if (!LABEL_VALUE.test(value)) errors.push(invalidValue('metadata.labels', value, LABEL_VALUE_MESSAGE));
  }
  return errors;
}

export function annotationProblems(annotations: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const problem of qualifiedNameProblems(key.toLowerCase())) errors.push(invalidValue('metadata.annotations', key, problem));
    size += key.length + value.length;
  }
  if (size > 256 * 1024) errors.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', body: 'Too long: must have at most 262144 bytes' });
  return errors;
}

/** Whether a string can be a label selector value (used when parsing selectors). */
export const isLabelValue = (value: string): boolean => value.length <= 63 && LABEL_VALUE.test(value);
export const isLabelKey = (key: string): boolean => qualifiedNameProblems(key).length === 0;
