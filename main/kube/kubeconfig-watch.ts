import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Editors and `kubectl config` replace the file (write + rename); the burst settles within this. */
const SETTLE_MS = 200;

/**
 * Calls `changed` once per burst of changes to any of the files. Watches the folders, not the
 * files: a replaced file is a new inode that a file watch would miss, and a missing file may
 * appear later. Returns the function that stops watching.
 */
export function watchKubeconfigFiles(files: string[], changed: () => void): () => void {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const names = byFolder.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    byFolder.set(dirname(file), names);
  }
  let timer: NodeJS.Timeout | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name === null || names.has(name.toString())) settle();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // A folder that does not exist (no ~/.kube yet) has nothing to watch.
    }
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
