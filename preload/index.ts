import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { RegistryDeskApi } from '../shared/ipc-contract';

// One typed object, no raw ipcRenderer and no event objects: main validates everything it receives.
const api: RegistryDeskApi = {
  invoke: (channel, request, callId) => ipcRenderer.invoke(channel, request, callId),
  on(event, listener) {
    if (!String(event).startsWith('event:')) throw new Error(`Not an event: ${String(event)}`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
