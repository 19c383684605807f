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

/**
 * True while the OS keychain is known to be unavailable: every save that writes a secret would
 * fail, so its button is off. Unknown (not asked yet, or the question failed) does not block.
 */
export function useSecretSaveBlocked(): boolean {
  return useKeychainStore((state) => state.keychain.data?.available === false);
}
