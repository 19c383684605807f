import type { z } from 'zod';

// A path is made of the schema's own field names and of indexes; a record's keys come from data,
// so each part and the number of parts are bounded (the log and the message stay one short line).
const MAX_PARTS = 12;
const MAX_PART_LENGTH = 64;

/**
 * Where the first issue lies, as `contexts.0.namespaces` (`(top)` for the whole value): the place,
 * never the value found there, which may be a secret. An unknown key is named as part of the path.
 */
export function firstIssuePath(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return '(top)';
  const parts = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
  if (parts.length === 0) return '(top)';
  const shown = parts.slice(0, MAX_PARTS).map((part) => String(part).slice(0, MAX_PART_LENGTH));
  return parts.length > MAX_PARTS ? `${shown.join('.')}.…` : shown.join('.');
}
