/** Hints and the error under a control; the control points at them with aria-describedby. */
export function FieldMessages({ id, hints, error }: { id: string; hints: string[]; error?: string | undefined }) {
  return (
    <>
      {hints.length > 0 && (
        <div id={`${id}-hint`} className="field-hint">
          {hints.map((hint) => (
            <p key={hint}>{hint}</p>
          ))}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

export function describedBy(id: string, hints: string[], error: string | undefined): string | undefined {
  const ids = [hints.length > 0 ? `${id}-hint` : null, error ? `${id}-error` : null].filter((part) => part !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
