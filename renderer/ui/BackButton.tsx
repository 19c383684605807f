import { Button } from './Button';

/** The way back to the screen or page the operator came from: one quiet arrow button above the heading. */
export function BackButton({ label, onBack }: { label: string; onBack: () => void }) {
  return (
    <div className="back-path">
      <Button tone="quiet" small onClick={onBack}>
        <span aria-hidden="true">←</span> {label}
      </Button>
    </div>
  );
}
