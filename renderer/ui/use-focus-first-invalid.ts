import { useEffect, type RefObject } from 'react';

/** After a refused save, take the operator to the first field that needs attention. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, failedSaves: number) {
  useEffect(() => {
    if (failedSaves === 0) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A radio group is marked invalid as a whole; its inputs take the focus.
    const target = invalid?.matches('input, textarea, select') ? invalid : invalid?.querySelector<HTMLElement>('input');
    target?.focus();
  }, [form, failedSaves]);
}
