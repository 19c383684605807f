import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './overlays.css';

export interface MenuAction {
  /** Stable key, also the item's `data-action` for tests. */
  id: string;
  label: ReactNode;
  onSelect: () => void;
  /** Removes something: drawn in the danger colour inside the menu, never as a red row button. */
  danger?: boolean;
  disabled?: boolean;
}

interface ActionMenuProps {
  /** The button's words beside its "⋯"; its accessible name should say what the actions act on (they may be visually hidden). */
  label: ReactNode;
  actions: MenuAction[];
}

/** Where the open menu sits: under its button (above it near the window's foot), right-aligned, out of any scrolling frame. */
interface Anchor {
  top?: number;
  bottom?: number;
  right: number;
}

/** Room an item takes, to tell before the menu renders whether it fits below its button. */
const ITEM_HEIGHT = 36;

function anchorOf(button: HTMLButtonElement, items: number): Anchor {
  const box = button.getBoundingClientRect();
  const right = Math.max(8, window.innerWidth - box.right);
  const fitsBelow = box.bottom + 12 + items * ITEM_HEIGHT <= window.innerHeight;
  return fitsBelow ? { top: box.bottom + 4, right } : { bottom: window.innerHeight - box.top + 4, right };
}

/** Arrow keys, Home and End move between the enabled items, wrapping at the ends. */
function moveFocus(items: HTMLElement[], key: string): void {
  const at = items.indexOf(document.activeElement as HTMLElement);
  const last = items.length - 1;
  const next = { ArrowDown: at >= last ? 0 : at + 1, ArrowUp: at <= 0 ? last : at - 1, Home: 0, End: last }[key];
  if (next !== undefined) items[next]?.focus();
}

/**
 * A row's secondary actions behind one button (the WAI-ARIA menu button): Enter, Space or a
 * click opens it on the first item, arrows move, Escape or Tab closes it back to the button.
 */
export function ActionMenu({ label, actions }: ActionMenuProps) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [anchor, setAnchor] = useState<Anchor | null>(null);
  const open = anchor !== null;

  const close = (refocus: boolean) => {
    setAnchor(null);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const outside = (event: Event) => {
      if (!menuRef.current?.contains(event.target as Node) && !buttonRef.current?.contains(event.target as Node)) setAnchor(null);
    };
    // A resize or scroll moves the button from under the menu: close it, keeping the focus if the menu had it.
    const away = () => {
      const hadFocus = menuRef.current?.contains(document.activeElement) ?? false;
      setAnchor(null);
      if (hadFocus) buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    window.addEventListener('resize', away);
    window.addEventListener('scroll', away, true);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('resize', away);
      window.removeEventListener('scroll', away, true);
    };
  }, [open]);

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(true);
    } else if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) {
      event.preventDefault();
      moveFocus([...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])')], event.key);
    }
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    setAnchor(anchorOf(event.currentTarget, actions.length));
  };

  return (
    <>
      <button
        ref={buttonRef}
        id={`${id}-button`}
        type="button"
        className="button menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={(event) => (open ? close(false) : setAnchor(anchorOf(event.currentTarget, actions.length)))}
        onKeyDown={onButtonKey}
      >
        {label}
        <span aria-hidden="true" className="menu-button-caret">
          ⋯
        </span>
      </button>
      {anchor && (
        <div ref={menuRef} id={id} role="menu" aria-labelledby={`${id}-button`} className="action-menu" style={anchor} onKeyDown={onMenuKey}>
          {actions.map((action) => (
            <button
              key={action.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-action={action.id}
              className={action.danger ? 'action-menu-item action-menu-danger' : 'action-menu-item'}
              disabled={action.disabled}
              onClick={() => {
                close(true);
                action.onSelect();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
