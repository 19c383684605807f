import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const PROJECT_ROOT = join(import.meta.dirname, '../..');

// Caches that tools rewrite in place; with hard links a rewrite would reach the original tree.
const NOT_COPIED = ['.vite', '.cache'];
const NATIVE_MODULES = ['keytar'];

/**
 * A fresh copy of the project, as a clean clone plus `npm ci` would leave it: the tracked files
 * (and any not yet committed), and node_modules without Electron's binary. node_modules is hard-linked
 * file by file (seconds instead of minutes); what tools then write there lands in new files of the copy.
 * Removal is asynchronous: a synchronous removal of tens of thousands of links blocks the test
 * process's event loop for a minute on a loaded machine.
 */
export function freshProjectCopy(): { root: string; remove(): Promise<void> } {
  const root = mkdtempSync(join(tmpdir(), 'registry-desk-fresh-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      cpSync(join(PROJECT_ROOT, file), join(root, file));
    } catch (error) {
      // A file deleted in the working tree but still in the index is not part of the project any more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  linkTree(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  // Packaging rebuilds native modules, and a build may rewrite a hard-linked file in place: those get a real copy.
  for (const native of NATIVE_MODULES) {
    rmSync(join(root, 'node_modules', native), { recursive: true, force: true });
    execFileSync('cp', ['-a', join(PROJECT_ROOT, 'node_modules', native), join(root, 'node_modules', native)]);
  }
  // A developer may have installed Electron's binary in this tree: the copy starts without it.
  for (const path of [...NOT_COPIED, 'electron/dist', 'electron/path.txt']) rmSync(join(root, 'node_modules', path), { recursive: true, force: true });
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

function linkTree(from: string, to: string): void {
  try {
    execFileSync('cp', ['-al', from, to]);
  } catch {
    // Another file system (no hard links across devices): a real copy.
    execFileSync('cp', ['-a', from, to]);
  }
}
