import { useMemo } from 'react';
import type { FieldError } from '../../../shared/errors';
import { checkRegistryInput } from '../../../shared/registry-rules';
import { storedSecretsOf, useEditorStore } from './editor-store';
import { toRegistryInput } from './draft';

/**
 * The problem to show under each field: the shared rules' verdict once the operator has typed
 * in the field (or tried to save), and main's verdict from the last save, which has the last word.
 */
export function useFieldErrors(): ReadonlyMap<string, FieldError> {
  const draft = useEditorStore((state) => state.draft);
  const mode = useEditorStore((state) => state.mode);
  const touched = useEditorStore((state) => state.touched);
  const submitted = useEditorStore((state) => state.submitted);
  const serverErrors = useEditorStore((state) => state.serverErrors);

  return useMemo(() => {
    const shown = new Map<string, FieldError>();
    const check = checkRegistryInput(toRegistryInput(draft), storedSecretsOf(mode));
    for (const problem of check.ok ? [] : check.errors) {
      if ((submitted || touched.has(problem.field)) && !shown.has(problem.field)) shown.set(problem.field, problem);
    }
    for (const problem of serverErrors) shown.set(problem.field, problem);
    return shown;
  }, [draft, mode, touched, submitted, serverErrors]);
}
