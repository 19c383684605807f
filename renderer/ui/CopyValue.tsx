import { CopyButton } from './CopyButton';
import { HostText } from './HostText';

/**
 * A value to copy whole (a digest, `repo@sha256:…`): monospace, selectable, its copy button on the
 * same line. It breaks only after `.`, `/`, `:` or `@`; a piece longer than the line (a 64-hex
 * digest in a narrow window) scrolls inside the value's own box instead of breaking mid-hex.
 */
export function CopyValue({ value }: { value: string }) {
  return (
    <span className="copy-value">
      <code className="mono copy-value-text">
        <HostText value={value} />
      </code>
      <CopyButton text={value} what={value} />
    </span>
  );
}
