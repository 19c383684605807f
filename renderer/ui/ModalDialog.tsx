import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface ModalDialogProps {
  id: string;
  title: string;
  /** Read out with the title; the details below it are not, as they can be long. */
  summary: ReactNode;
  children?: ReactNode;
  /** The buttons; the first one receives the focus when the dialog opens. */
  actions: ReactNode;
  onClose: () => void;
  wide?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), [tabindex="0"]';

/** Tab stays inside: aria-modal promises that the page behind is out of reach. */
export function keepFocusInside(event: KeyboardEvent<HTMLElement>) {
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** A confirmation over the page; Escape closes it and the focus returns to what opened it. */
export function ModalDialog({ id, title, summary, children, actions, onClose, wide = false }: ModalDialogProps) {
  const actionsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    actionsRef.current?.querySelector<HTMLElement>('button')?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') onClose();
    else if (event.key === 'Tab') keepFocusInside(event);
  };

  return (
    <div className="dialog-backdrop">
      <div
        className={`dialog${wide ? ' dialog-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-body`}>{summary}</p>
        {children}
        <div className="dialog-actions" ref={actionsRef}>
          {actions}
        </div>
      </div>
    </div>
  );
}
