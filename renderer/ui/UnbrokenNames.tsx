/**
 * A word joined by hyphens: a command or tool name (docker-credential-registry-desk), a path's piece.
 * Dots and digits belong to it too (docker-credential-secretservice, auth.json).
 */
const HYPHENATED = /[\w.]+(?:-[\w.]+)+/g;

/**
 * Text that names commands and tools. Chromium breaks a line after any hyphen, which splits a command
 * into two halves that no longer read (or copy) as one name ("docker-credential-" / "registry-desk");
 * each hyphenated word is kept on one line, the rest of the text wraps as usual.
 */
export function UnbrokenNames({ text }: { text: string }) {
  const parts: (string | { name: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(HYPHENATED)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ name: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <span key={index} className="unbroken-name">
            {part.name}
          </span>
        ),
      )}
    </>
  );
}
