import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { toneOf } from './tones';

interface CountChipsProps {
  counts: Record<string, number | undefined>;
  label: (key: string) => string;
  title: string;
  testId?: string;
}

/** "Secrets: Create 500 · Unchanged 3 · Conflict 1": zero counts are left out. */
export function CountChips({ counts, label, title, testId }: CountChipsProps) {
  const { language } = useTranslation();
  const shown = Object.entries(counts).filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <div className="count-chips-line" data-testid={testId}>
      <span className="count-chips-title" aria-hidden="true">
        {title}
      </span>
      <ul className="count-chips" aria-label={title}>
        {shown.map(([key, count]) => (
          <li key={key} data-count={key}>
            <Badge tone={toneOf(key)}>
              {label(key)} <strong>{count.toLocaleString(language)}</strong>
            </Badge>
          </li>
        ))}
      </ul>
    </div>
  );
}
