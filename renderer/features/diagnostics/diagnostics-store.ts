import { create } from 'zustand';
import type { Diagnostics } from '../../../shared/diagnostics-contract';
import type { AppError } from '../../../shared/errors';
import { callApi } from '../../api/call-api';

interface DiagnosticsState {
  diagnostics: Diagnostics | null;
  /** The redacted report exactly as main built it: what Copy puts on the clipboard. */
  report: string | null;
  copied: boolean;
  error: AppError | null;
  load: () => Promise<void>;
  copy: () => Promise<void>;
  dismissError: () => void;
}

export const useDiagnosticsStore = create<DiagnosticsState>()((set) => ({
  diagnostics: null,
  report: null,
  copied: false,
  error: null,
  load: async () => {
    set({ copied: false, error: null });
    const [facts, report] = await Promise.all([callApi('diagnostics:get', {}), callApi('diagnostics:report', {})]);
    if (!facts.ok) return set({ error: facts.error });
    if (!report.ok) return set({ diagnostics: facts.value, error: report.error });
    set({ diagnostics: facts.value, report: report.value.report });
  },
  copy: async () => {
    set({ copied: false, error: null });
    const result = await callApi('diagnostics:copy-report', {});
    set(result.ok ? { report: result.value.report, copied: true } : { error: result.error });
  },
  dismissError: () => set({ error: null }),
}));
