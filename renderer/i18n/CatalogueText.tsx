/** Catalogue text marks commands with `backticks`; show them as code rather than as quote marks. */
export function CatalogueText({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}
    </>
  );
}
