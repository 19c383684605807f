import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleEntry } from './bundled-entry';
import type { ElectronCall } from './helper-mode-electron';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

/** The packaged app as far as it can be built here: its app folder as electron-builder ships it, and an executable that starts it. */
export interface PackagedApp {
  /** Stands in for the packaged executable (`/opt/Registry Desk/registry-desk`): Node with the Electron stand-in, running the app folder. */
  executable: string;
  /** `resources/app`: package.json and the main process as `electron-vite build` writes it. */
  appFolder: string;
  version: string;
  /** Every Electron call each run of the executable made, by process id, in order. */
  electronCalls(): Promise<Map<number, ElectronCall[]>>;
  /** What every run of the executable wrote to stderr, together (tools such as docker never show a helper's stderr). */
  stderr(): Promise<string>;
  remove(): Promise<void>;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Builds the main process with electron-vite, as `npm run build` and electron-builder do, into a
 * folder inside the checkout (its dependencies are imported from node_modules, as from the
 * packaged app's own), and writes an executable that runs it as Electron runs a packaged app.
 */
export async function buildPackagedApp(): Promise<PackagedApp> {
  const root = join(ROOT, 'node_modules', '.cache', `packaged-helper-mode-${randomBytes(6).toString('hex')}`);
  const appFolder = join(root, 'resources', 'app');
  await run(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'warn', '--outDir', join(appFolder, 'out')], { cwd: ROOT, timeout: 240_000 });
  const project = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; productName: string; version: string; type: string; main: string };
  const { name, productName, version, type, main } = project;
  await writeFile(join(appFolder, 'package.json'), JSON.stringify({ name, productName, version, type, main }, null, 2));
  const electron = await bundleEntry('helper-mode-electron.ts', []);
  const records = join(root, 'records');
  await mkdir(records);
  const recordFile = join(records, 'electron-calls.jsonl');
  const stderrFile = join(records, 'stderr.log');
  await writeFile(recordFile, '');
  await writeFile(stderrFile, '');
  const executable = join(root, 'registry-desk');
  await writeFile(
    executable,
    [
      '#!/bin/sh',
      `export REGISTRY_DESK_STAND_IN_RECORD=${shellQuote(recordFile)}`,
      `exec ${shellQuote(process.execPath)} --import ${shellQuote(electron.path)} ${shellQuote(appFolder)} "$@" 2>>${shellQuote(stderrFile)}`,
      '',
    ].join('\n'),
  );
  await chmod(executable, 0o755);
  return {
    executable,
    appFolder,
    version,
    async electronCalls() {
      const calls = new Map<number, ElectronCall[]>();
      for (const line of (await readFile(recordFile, 'utf8')).split('\n').filter(Boolean)) {
        const call = JSON.parse(line) as ElectronCall;
        calls.set(call.pid, [...(calls.get(call.pid) ?? []), call]);
      }
      return calls;
    },
    stderr: () => readFile(stderrFile, 'utf8'),
    async remove() {
      await electron.remove();
      await rm(root, { recursive: true, force: true });
    },
  };
}
