import type { z } from 'zod';
import type { FieldError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/i18n';

function codeFor(issue: z.core.$ZodIssue): ErrorCode {
  switch (issue.code) {
    case 'too_big':
      return 'field.tooLong';
    case 'unrecognized_keys':
      return 'field.unknown';
    case 'invalid_value':
    case 'invalid_union':
      return 'field.invalidChoice';
    default:
      return 'field.invalidType';
  }
}

/** Zod issues as field errors; `input.` is dropped so the form can show them under its fields. */
export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((part) => part !== 'input').map(String);
    const fields = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key].join('.')) : [path.join('.')];
    return fields.map((field) => ({ field: field || 'request', code: codeFor(issue) }));
  });
}
