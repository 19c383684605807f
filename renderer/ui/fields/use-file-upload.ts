import { useState, type ChangeEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { readSmallFile, type FileProblem } from './read-file';

/**
 * The file input of a field that can also be pasted into: reads the chosen file (refusing one
 * over maxBytes) and hands its bytes to onRead. A file that cannot be used is the error shown
 * until the next file or clearFileProblem (the operator types instead).
 */
export function useFileUpload(maxBytes: number, error: string | undefined, onRead: (file: File, bytes: Uint8Array) => void) {
  const { t } = useTranslation();
  const [fileProblem, setFileProblem] = useState<FileProblem | null>(null);
  const shownError = fileProblem ? t(fileProblem.message, fileProblem.params) : error;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const outcome = await readSmallFile(file, maxBytes);
    setFileProblem(outcome.ok ? null : outcome);
    if (outcome.ok) onRead(file, outcome.bytes);
  };

  return { shownError, onFile, clearFileProblem: () => setFileProblem(null) };
}
