import { Fragment } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { CopyButton } from './CopyButton';

/**
 * A host, URL or namespace cut into pieces that each end after a `.`, `/`, `:` or `@` (before a
 * digest); a line may break only between pieces, never inside a name ("registry.lab.interna l:5000") or at a hyphen.
 */
export function hostPieces(value: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (char === '.' || char === '/' || char === ':' || char === '@') {
      pieces.push(value.slice(start, index + 1));
      start = index + 1;
    }
  }
  if (start < value.length) pieces.push(value.slice(start));
  return pieces;
}

/** How much of a `sha256:` digest a table shows: the algorithm, and enough hex at both ends to tell digests apart. */
export const DIGEST_SHOWN = 25;

/** The start and end of a long value around an ellipsis, `keep` characters in all. */
export function middleOf(value: string, keep: number): string {
  if (value.length <= keep) return value;
  const head = Math.ceil((keep - 1) / 2);
  const tail = keep - 1 - head;
  return `${value.slice(0, head)}…${value.slice(value.length - tail)}`;
}

interface HostTextProps {
  value: string;
  /** Show at most this many characters, cut in the middle, with the full value on hover and a copy button. */
  truncateAt?: number;
}

export function HostText({ value, truncateAt }: HostTextProps) {
  const { t } = useTranslation();
  if (truncateAt !== undefined && value.length > truncateAt) {
    return (
      <span className="host-text host-text-cut">
        <span title={t('kit.fullValue', { value })} aria-hidden="true">
          {middleOf(value, truncateAt)}
        </span>
        <span className="visually-hidden">{value}</span>
        <CopyButton text={value} what={value} />
      </span>
    );
  }
  return (
    <span className="host-text">
      {hostPieces(value).map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          <span className="host-piece">{piece}</span>
        </Fragment>
      ))}
    </span>
  );
}
