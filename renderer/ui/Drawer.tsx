import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { keepFocusInside } from './ModalDialog';
import './overlays.css';

interface DrawerProps {
  id: string;
  title: ReactNode;
  children: ReactNode;
  /** Buttons at the foot of the drawer, e.g. the one main action on what it shows. */
  actions?: ReactNode;
  onClose: () => void;
}

/**
 * Details of one thing, sliding in from the right over the screen: Escape, the close button or a
 * click beside it closes it, and the focus returns to what opened it.
 */
export function Drawer({ id, title, children, actions, onClose }: DrawerProps) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') keepFocusInside(event);
  };

  return (
    <div className="drawer-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <aside className="drawer" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown} data-testid={id}>
        <header className="drawer-heading">
          <h2 id={`${id}-title`}>{title}</h2>
          <button ref={closeRef} type="button" className="button button-quiet" onClick={onClose}>
            {t('kit.close')}
          </button>
        </header>
        <div className="drawer-body">{children}</div>
        {actions && <footer className="drawer-actions">{actions}</footer>}
      </aside>
    </div>
  );
}

/** The label–value pairs of a drawer (or any details panel). */
export function DetailList({ items }: { items: { term: ReactNode; value: ReactNode; key: string }[] }) {
  return (
    <dl className="detail-list">
      {items.map((item) => (
        <div key={item.key} className="detail-list-item" data-detail={item.key}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
