import { useTranslation } from '../../i18n/useTranslation';
import { Banner } from '../../ui/Banner';
import { useToolsStore } from './tools-store';

/** The files a failed apply could not put back (the failure itself is the banner above), each with its backup beside it. */
export function NotPutBack() {
  const { problemText } = useTranslation();
  // The array itself, not a new empty one per call: a fresh value each time re-renders without end.
  const left = useToolsStore((state) => state.error?.fieldErrors);
  if (!left || left.length === 0) return null;
  return (
    <Banner tone="error">
      <ul data-testid="tools-not-put-back">
        {left.map((file) => (
          <li key={file.field}>{problemText({ code: file.code, params: file.params, message: file.code })}</li>
        ))}
      </ul>
    </Banner>
  );
}
