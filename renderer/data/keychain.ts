import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { KeychainStatus } from '../../shared/schemas';
import { callApi } from '../api/call-api';

interface KeychainState {
  status: KeychainStatus | null;
  error: AppError | null;
  check: () => Promise<void>;
}

export const useKeychainStore = create<KeychainState>()((set) => ({
  status: null,
  error: null,
  check: async () => {
    const result = await callApi('keychain:status', {});
    set(result.ok ? { status: result.value, error: null } : { status: null, error: result.error });
  },
}));
