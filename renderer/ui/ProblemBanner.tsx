import { useTranslation, type Problem } from '../i18n/useTranslation';
import { Banner } from './Banner';

interface ProblemBannerProps {
  problem: Problem | null;
  onDismiss?: () => void;
}

/** An AppError in the operator's language; never a stack trace, only the catalogue text. */
export function ProblemBanner({ problem, onDismiss }: ProblemBannerProps) {
  const { problemText } = useTranslation();
  if (!problem) return null;
  return (
    <Banner tone="error" onDismiss={onDismiss}>
      {problemText(problem)}
    </Banner>
  );
}
