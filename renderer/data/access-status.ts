import { create } from 'zustand';
import type { AccessStatus } from '../../shared/access-contract';
import { callApi } from '../api/call-api';
import { IDLE, settled, type Resource } from './resource';

/** Where one registry's credentials stand in the clusters, as last checked. */
interface AccessStatusState {
  report: Resource<AccessStatus>;
  check: (registryId: string) => Promise<void>;
  clear: () => void;
}

// Answers to older checks are dropped: only the registry now on screen counts.
let latestCheck = 0;

export const useAccessStatusStore = create<AccessStatusState>()((set) => ({
  report: IDLE,
  check: async (registryId) => {
    const check = ++latestCheck;
    set((state) => ({ report: { status: 'loading', error: null, data: state.report.data?.registryId === registryId ? state.report.data : null } }));
    const result = await callApi('access:status', { registryId });
    if (check !== latestCheck) return;
    set((state) => ({ report: settled(state.report, result) }));
  },
  clear: () => {
    latestCheck++;
    set({ report: IDLE });
  },
}));

/** The report of this registry, or null while there is none for it. */
export const selectReportOf = (registryId: string) => (state: AccessStatusState): AccessStatus | null =>
  state.report.data?.registryId === registryId ? state.report.data : null;
