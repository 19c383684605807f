import { create } from 'zustand';
import type { KeychainStatus } from '../../shared/schemas';
import { callApi } from '../api/call-api';
import { IDLE, reload, type Resource } from './resource';

interface KeychainState {
  keychain: Resource<KeychainStatus>;
  check: () => Promise<void>;
}

export const useKeychainStore = create<KeychainState>()((set) => ({
  keychain: IDLE,
  check: () => reload((change) => set((state) => ({ keychain: change(state.keychain) })), () => callApi('keychain:status', {})),
}));
