import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Button } from './Button';

/** How long the button reads "Copied": long enough to see, short enough that it never looks like a lasting state. */
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
 * Puts text on the clipboard. The button itself reads "Copied" for a moment, then "Copy" again, as
 * desktop tools do; both labels share one grid cell, so the button never changes width. A live
 * region tells screen readers. A refused clipboard stays said beside the button (until the next
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
            ✓ {t('kit.copied')}
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
