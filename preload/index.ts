import { contextBridge, ipcRenderer } from 'electron';
import type { RegistryDeskApi } from '../shared/ipc-contract';

// One typed object, no raw ipcRenderer and no event objects: main validates everything it receives.
const api: RegistryDeskApi = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
};

contextBridge.exposeInMainWorld('api', api);
