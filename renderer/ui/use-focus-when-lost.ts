import { useEffect, type RefObject } from 'react';

/**
 * When the control that had the focus went away (Preview, Apply and Cancel are replaced by what
 * they started), the new content takes it, so keyboard and screen-reader users are not left at the
 * top of the page.
 */
export function useFocusWhenLost(target: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected) target.current?.focus();
  }, [target]);
}
