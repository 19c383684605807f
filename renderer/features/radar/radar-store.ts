import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { RadarCell, RadarProgress, RadarReport, RadarReportFormat } from '../../../shared/radar-contract';
import { callApi } from '../../api/call-api';
import type { RadarFilters } from './radar-view';

type CellPlace = Pick<RadarCell, 'context' | 'namespace' | 'registry'>;

interface RadarState {
  report: RadarReport | null;
  /** When the scan in flight started (ms), for its progress; null when none runs. */
  scanningSince: number | null;
  /** The scan in flight's last progress from main; null before the first. */
  progress: RadarProgress | null;
  cancelled: boolean;
  error: AppError | null;
  filters: RadarFilters;
  /** The cell whose drawer is open. */
  open: CellPlace | null;
  savedPath: string | null;
  saving: boolean;
  scan: () => Promise<void>;
  /** Stops the scan in main (its list and registry requests); the last report stays. */
  cancel: () => void;
  setFilters: (change: Partial<RadarFilters>) => void;
  openCell: (cell: CellPlace | null) => void;
  save: (format: RadarReportFormat) => Promise<void>;
  dismissError: () => void;
}

/** The scan in flight; aborting it cancels it in main (`ipc:cancel`). */
let scanning: AbortController | null = null;

export const useRadarStore = create<RadarState>()((set, get) => ({
  report: null,
  scanningSince: null,
  progress: null,
  cancelled: false,
  error: null,
  filters: { show: 'problems', registry: '', windowDays: null },
  open: null,
  savedPath: null,
  saving: false,
  scan: async () => {
    if (get().scanningSince !== null) return;
    const scan = new AbortController();
    scanning = scan;
    const scanId = crypto.randomUUID();
    set({ scanningSince: Date.now(), progress: null, cancelled: false, error: null, savedPath: null });
    const stop = window.api.on('event:radar-progress', (progress) => {
      if (progress.scanId === scanId && scanning === scan) set({ progress });
    });
    // The window chosen in the filters is also the scan's: what counts as "soon" and what a notice names.
    const { windowDays } = get().filters;
    const result = await callApi('radar:scan', { scanId, ...(windowDays === null ? {} : { expiryWindowDays: windowDays }) }, { signal: scan.signal });
    stop();
    if (scanning === scan) scanning = null;
    if (scan.signal.aborted) return set({ scanningSince: null, progress: null, cancelled: true });
    set(result.ok ? { scanningSince: null, progress: null, report: result.value, open: null } : { scanningSince: null, progress: null, error: result.error });
  },
  cancel: () => scanning?.abort(),
  setFilters: (change) => set((state) => ({ filters: { ...state.filters, ...change } })),
  openCell: (cell) => set({ open: cell }),
  save: async (format) => {
    set({ saving: true, savedPath: null, error: null });
    const result = await callApi('radar:save-report', { format });
    set(result.ok ? { saving: false, savedPath: result.value.path ?? null } : { saving: false, error: result.error });
  },
  dismissError: () => set({ error: null }),
}));
