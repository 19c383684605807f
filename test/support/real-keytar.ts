import { loadKeytar } from '../../main/keychain/keytar-secret-store';

/** The real keytar, loaded the way the app's shell loads it. */
export const keytar = await loadKeytar();
