import type { RegistryDeskApi } from '../shared/ipc-contract';

declare global {
  interface Window {
    /** Exposed by the preload in Electron, and by the test harness in a plain browser. */
    readonly api: RegistryDeskApi;
  }
}
