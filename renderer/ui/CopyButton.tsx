import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Button } from './Button';

const SHOWN_MS = 2000;

interface CopyButtonProps {
  text: string;
  /** What is copied, for the button's accessible name: "Copy {what}". */
  what: string;
}

/** Puts text on the clipboard and says so for a moment; a refused clipboard says what to do instead. */
export function CopyButton({ text, what }: CopyButtonProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };
  return (
    <span className="copy-button">
      <Button small aria-label={t('kit.copyLabel', { what })} onClick={copy}>
        {t('kit.copy')}
      </Button>
      <span role="status" className="detail">
        {outcome === 'copied' && t('kit.copied')}
        {outcome === 'failed' && t('kit.copyFailed')}
      </span>
    </span>
  );
}
