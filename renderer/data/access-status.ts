import { create } from 'zustand';
import type { AccessStatus } from '../../shared/access-contract';
import { callApi } from '../api/call-api';
import { IDLE, settled, type Resource } from './resource';

/** Where one registry's credentials stand in the clusters, as last checked. */
interface AccessStatusState {
  report: Resource<AccessStatus>;
  /** Every registry's last answered check in this window, kept when the screen moves on: the registry list's "In clusters". */
  lastReports: ReadonlyMap<string, AccessStatus>;
  check: (registryId: string) => Promise<void>;
  clear: () => void;
}

// Only the registry now on screen counts: an older check is cancelled in main (it reads every
// cluster) and its answer dropped.
let latestCheck: AbortController | null = null;

function supersede(): AbortController {
  latestCheck?.abort();
  latestCheck = new AbortController();
  return latestCheck;
}

export const useAccessStatusStore = create<AccessStatusState>()((set) => ({
  report: IDLE,
  lastReports: new Map(),
  check: async (registryId) => {
    const check = supersede();
    set((state) => ({ report: { status: 'loading', error: null, data: state.report.data?.registryId === registryId ? state.report.data : null } }));
    const result = await callApi('access:status', { registryId }, { signal: check.signal });
    if (check.signal.aborted) return;
    set((state) => ({
      report: settled(state.report, result),
      lastReports: result.ok ? new Map([...state.lastReports, [registryId, result.value]]) : state.lastReports,
    }));
  },
  clear: () => {
    supersede();
    set({ report: IDLE });
  },
}));

/** The report of this registry, or null while there is none for it. */
export const selectReportOf = (registryId: string) => (state: AccessStatusState): AccessStatus | null =>
  state.report.data?.registryId === registryId ? state.report.data : null;

/** The last check of this registry answered in this window, or undefined when it was never checked. */
export const selectLastReportOf = (registryId: string) => (state: AccessStatusState): AccessStatus | undefined => state.lastReports.get(registryId);
