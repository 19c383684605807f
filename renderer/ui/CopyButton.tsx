import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Button } from './Button';

/** How long the check mark shows: long enough to see, short enough that it never looks like a lasting state. */
export const COPIED_SHOWN_MS = 2500;

interface CopyButtonProps {
  text: string;
  /** What is copied, for the button's accessible name: "Copy {what}". */
  what: string;
}

/** Each copy is its own attempt, so a second copy within the confirmation's time shows it for the full time again. */
interface Attempt {
  outcome: 'copied' | 'failed';
  id: number;
}

/**
 * Puts text on the clipboard. The button shows a check mark for a moment, then "Copy" again, as
 * desktop tools do, and a live region says "Copied" to screen readers. Both labels share one grid
 * cell, so the button keeps the width of "Copy": a wider one squeezed the command beside it onto
 * another line while the mark showed. A refused clipboard stays said beside the button (until the next
 * try): it tells the operator what to do, which a vanishing note would not.
 */
export function CopyButton({ text, what }: CopyButtonProps) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  useEffect(() => {
    if (attempt?.outcome !== 'copied') return;
    const timer = setTimeout(() => setAttempt(null), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [attempt]);

  const copy = () => {
    const id = (attempt?.id ?? 0) + 1;
    navigator.clipboard.writeText(text).then(
      () => setAttempt({ outcome: 'copied', id }),
      () => setAttempt({ outcome: 'failed', id }),
    );
  };
  const copied = attempt?.outcome === 'copied';
  const failed = attempt?.outcome === 'failed';
  return (
    <span className="copy-button" data-copied={copied || undefined}>
      <Button small aria-label={t('kit.copyLabel', { what })} onClick={copy}>
        <span className="copy-labels" aria-hidden="true">
          <span className="copy-label" data-shown={!copied}>
            {t('kit.copy')}
          </span>
          <span className="copy-label" data-shown={copied}>
            ✓
          </span>
        </span>
      </Button>
      <span role="status" className={failed ? 'detail' : 'visually-hidden'}>
        {copied && t('kit.copied')}
        {failed && t('kit.copyFailed')}
      </span>
    </span>
  );
}
