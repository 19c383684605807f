import type { ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Button } from './Button';

interface BannerProps {
  tone: 'error' | 'warning';
  children: ReactNode;
  /** Buttons that act on the cause, e.g. "check again"; shown before a dismiss. */
  actions?: ReactNode;
  onDismiss?: () => void;
}

export function Banner({ tone, children, actions, onDismiss }: BannerProps) {
  const { t } = useTranslation();
  return (
    <div className={`banner banner-${tone}`} role="alert">
      <span className="banner-icon" aria-hidden="true">
        {tone === 'error' ? '✕' : '!'}
      </span>
      <div className="banner-text">{children}</div>
      {actions}
      {onDismiss && (
        <Button tone="quiet" onClick={onDismiss}>
          {t('action.dismiss')}
        </Button>
      )}
    </div>
  );
}
