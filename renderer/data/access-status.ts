import { create } from 'zustand';
import type { AccessStatus } from '../../shared/access-contract';
import type { AppError } from '../../shared/errors';
import { callApi } from '../api/call-api';

interface StatusState {
  status: AccessStatus | null;
  checking: boolean;
  error: AppError | null;
  check: (registryId: string) => Promise<void>;
  clear: () => void;
}

// Answers to older checks are dropped: only the registry now on screen counts.
let latestCheck = 0;

export const useStatusStore = create<StatusState>()((set) => ({
  status: null,
  checking: false,
  error: null,
  check: async (registryId) => {
    const check = ++latestCheck;
    set((state) => ({ checking: true, error: null, status: state.status?.registryId === registryId ? state.status : null }));
    const result = await callApi('access:status', { registryId });
    if (check !== latestCheck) return;
    set(result.ok ? { status: result.value, checking: false } : { error: result.error, checking: false });
  },
  clear: () => {
    latestCheck++;
    set({ status: null, checking: false, error: null });
  },
}));
