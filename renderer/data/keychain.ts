import { create } from 'zustand';
import type { KeychainStatus } from '../../shared/schemas';
import { callApi } from '../api/call-api';
import { IDLE, loading, settled, type Resource } from './resource';

interface KeychainState {
  keychain: Resource<KeychainStatus>;
  check: () => Promise<void>;
}

export const useKeychainStore = create<KeychainState>()((set) => ({
  keychain: IDLE,
  check: async () => {
    set((state) => ({ keychain: loading(state.keychain) }));
    const result = await callApi('keychain:status', {});
    set((state) => ({ keychain: settled(state.keychain, result) }));
  },
}));
