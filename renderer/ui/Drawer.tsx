import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from './Button';

interface DrawerProps {
  id: string;
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * Details beside the page, at the right edge: the page stays usable behind it. The focus moves
 * to its title when it opens and back to what opened it when it closes; Escape closes it.
 */
export function Drawer({ id, title, closeLabel, onClose, children }: DrawerProps) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    titleRef.current?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') onClose();
  };
  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown} data-testid={id}>
      <div className="drawer-heading">
        <h2 id={`${id}-title`} ref={titleRef} tabIndex={-1}>
          {title}
        </h2>
        <Button small tone="quiet" onClick={onClose}>
          {closeLabel}
        </Button>
      </div>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
