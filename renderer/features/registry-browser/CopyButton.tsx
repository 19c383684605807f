import { useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';

/** Copies a reference; where the clipboard is refused the text stays on screen, selectable. */
export function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <span className="browse-copy">
      <code className="mono browse-reference">{text}</code>
      <Button tone="quiet" small onClick={copy} aria-label={t('browse.copyDigest', { reference: text })}>
        {t('browse.copy')}
      </Button>
      <span role="status" className="muted">
        {copied ? t('browse.copied', { reference: text }) : ''}
      </span>
    </span>
  );
}
