import { useMemo } from 'react';
import { checkAccessSettings } from '../../../../shared/access-rules';
import type { FieldError } from '../../../../shared/errors';
import { useTranslation } from '../../../i18n/useTranslation';
import { useAccessFormStore } from '../access-form-store';

const within = (field: string, prefix: string) => field === prefix || field.startsWith(`${prefix}.`);

/**
 * The problems to show: the shared rules' verdict on parts the operator has edited (or on
 * everything after a refused save or preview), then main's verdict, which has the last word.
 */
export function useAccessErrors(): FieldError[] {
  const draft = useAccessFormStore((state) => state.draft);
  const touched = useAccessFormStore((state) => state.touched);
  const submitted = useAccessFormStore((state) => state.submitted);
  const serverErrors = useAccessFormStore((state) => state.serverErrors);
  return useMemo(() => {
    if (!draft) return serverErrors;
    const check = checkAccessSettings(draft);
    const local = check.ok ? [] : check.errors.filter((problem) => submitted || [...touched].some((field) => within(problem.field, field)));
    return [...local.filter((problem) => !serverErrors.some((server) => server.field === problem.field)), ...serverErrors];
  }, [draft, touched, submitted, serverErrors]);
}

/** The messages for one control: its own problems and those of its entries (`names.3`…). */
export function useErrorText(prefix: string): string | undefined {
  const { problemText } = useTranslation();
  const problems = useAccessErrors().filter((problem) => within(problem.field, prefix));
  return problems.length === 0 ? undefined : [...new Set(problems.map(problemText))].join(' ');
}
