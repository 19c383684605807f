// Electron's `electron` module for a child process that runs the built app folder as the packaged
// executable runs it (`node --import <this bundle> <app folder> --credential-helper get`): the real
// Electron binary cannot be downloaded here. Loaded first, it makes itself what every
// `import 'electron'` resolves to, as Electron's builtin module is, for the app and electron-store
// alike. It answers what helper mode may ask as Electron does on Linux (userData, the version,
// exit) and appends every call the app makes, answered or not, to $REGISTRY_DESK_STAND_IN_RECORD,
// one JSON line each: a window, the single-instance lock or a protocol asked for shows up there.
import { appendFileSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ElectronCall {
  pid: number;
  /** `app.getPath`, `new BrowserWindow`, `app.requestSingleInstanceLock`… */
  call: string;
  /** Its string and number arguments (the app never hands Electron a secret in helper mode; objects are left out). */
  args: (string | number)[];
}

const recordFile = process.env.REGISTRY_DESK_STAND_IN_RECORD;
if (!recordFile) throw new Error('Electron stand-in: REGISTRY_DESK_STAND_IN_RECORD is not set');

function record(call: string, args: readonly unknown[]): void {
  const line: ElectronCall = { pid: process.pid, call, args: args.filter((arg): arg is string | number => typeof arg === 'string' || typeof arg === 'number') };
  appendFileSync(recordFile!, `${JSON.stringify(line)}\n`);
}

registerHooks({
  resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: import.meta.url, shortCircuit: true } : nextResolve(specifier, context)),
});

/** Electron's app path: the folder the executable was given, where the app's package.json is. */
const appPath = process.argv[1]!;
const manifest = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { name: string; productName?: string; version: string };
const name = manifest.productName ?? manifest.name;

/** Any part of Electron's API, as the app's code may use it: called, constructed or read further. */
type Anything = { readonly [property: string]: Anything } & (new (...args: unknown[]) => Anything) & ((...args: unknown[]) => Anything);

/**
 * Reading it is free, calling or constructing it is recorded. Never a thenable, so an await on it
 * cannot hang the process.
 */
function recorded(path: string, answers: Record<string, unknown> = {}): Anything {
  const anything = new Proxy(function stand() {}, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then') return undefined;
      if (Object.hasOwn(answers, property)) {
        const answer = answers[property];
        if (typeof answer !== 'function') return answer;
        return (...args: unknown[]) => {
          record(`${path}.${property}`, args);
          return (answer as (...args: unknown[]) => unknown)(...args);
        };
      }
      return recorded(`${path}.${property}`);
    },
    apply(_target, _this, args) {
      record(path, args);
      return recorded(`${path}()`);
    },
    construct(_target, args) {
      record(`new ${path}`, args);
      return recorded(`new ${path}`);
    },
  });
  return anything as unknown as Anything;
}

export const app = recorded('app', {
  isPackaged: true,
  getPath: (which: string) => {
    // Electron on Linux: appData is $XDG_CONFIG_HOME or ~/.config, userData the app's productName inside it.
    if (which !== 'userData') throw new Error(`Electron stand-in: no path ${which}`);
    return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), name);
  },
  getVersion: () => manifest.version,
  getName: () => name,
  getAppPath: () => appPath,
  exit: (code = 0) => process.exit(code),
});
export const BrowserWindow = recorded('BrowserWindow');
export const clipboard = recorded('clipboard');
export const dialog = recorded('dialog');
export const ipcMain = recorded('ipcMain');
export const Notification = recorded('Notification');
export const protocol = recorded('protocol');
export const screen = recorded('screen');
export const session = recorded('session');
export const shell = recorded('shell');
export default { app, BrowserWindow, clipboard, dialog, ipcMain, Notification, protocol, screen, session, shell };
