import { z } from 'zod';
import type { ErrorCode } from './i18n/en';

/** One problem with one form field; `code` selects the message in the catalogue. */
export const FieldErrorSchema = z.object({
  field: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldError = z.infer<typeof FieldErrorSchema> & { code: ErrorCode };

/**
 * Every failure that crosses IPC. `message` is English for logs and fallbacks; the UI renders
 * `code` + `params` from its message catalogue in the user's language.
 */
export const AppErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  fieldErrors: z.array(FieldErrorSchema).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema> & { code: ErrorCode; fieldErrors?: FieldError[] };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };
