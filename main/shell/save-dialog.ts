import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { SaveDialog } from '../saved-files/saved-files';

/** The OS save and folder dialogs, attached to the app's window, starting in the Documents folder. */
export function electronSaveDialog(window: () => BrowserWindow | null): SaveDialog {
  return {
    async choosePath({ title, defaultName, extensions }) {
      const options = { title, defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: extensions[0]!.toUpperCase(), extensions }] };
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder({ title }) {
      const options = { title, defaultPath: app.getPath('documents'), properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const owner = window();
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
