// Electron's `electron` module for a child process that runs the built app folder as the packaged
// executable runs it (`node --import <this bundle> <app folder> --credential-helper get`): the real
// Electron binary cannot be downloaded here. Loaded first, it makes itself what every
// `import 'electron'` resolves to, as Electron's builtin module is, for the app and electron-store
// alike. It answers what helper mode may ask as Electron does on Linux (userData, the version,
// exit) and appends every call the app makes, answered or not, to $REGISTRY_DESK_STAND_IN_RECORD,
// one JSON line each: a window, the single-instance lock or a protocol asked for shows up there.
// So does every package the app's own code loads (`import`), and so the window path can be started
// too: app.whenReady resolves, and the first BrowserWindow, recorded with its preload script, ends
// the run (exit 0), as there is no window to show.
import { appendFileSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** Electron's app path: the folder the executable was given, where the app's package.json is. */
const appPath = process.argv[1]!;
const appUrl = `${pathToFileURL(appPath).href}/`;

/** A package (not a file of the app's, not a Node builtin) that the app's own code, not a package's, asks for. */
const appLoadsPackage = (specifier: string, parentUrl: string | undefined) =>
  !/^(\.|\/|node:|file:)/.test(specifier) && parentUrl?.startsWith(appUrl) === true && !parentUrl.slice(appUrl.length).includes('/node_modules/');

registerHooks({
  resolve: (specifier, context, nextResolve) => {
    if (specifier === 'electron') return { url: import.meta.url, shortCircuit: true };
    if (appLoadsPackage(specifier, context.parentURL)) record('import', [specifier]);
    return nextResolve(specifier, context);
  },
});
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
    // As Electron throws when it cannot name a folder; the message holds a path, never to be printed.
    if (process.env.REGISTRY_DESK_STAND_IN_FAIL === 'getPath') throw new Error(`Failed to get '${which}' path at ${homedir()}/secret-folder`);
    return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), name);
  },
  getVersion: () => manifest.version,
  getName: () => name,
  getAppPath: () => appPath,
  getLocale: () => 'en-US',
  // Ready at once: the window path goes on to its services and its window.
  whenReady: () => Promise.resolve(),
  exit: (code = 0) => process.exit(code),
});

/** The window: recorded with its preload script's path (what the built app computes from its entry's folder), then the run ends. */
export class BrowserWindow {
  constructor(options: { webPreferences?: { preload?: unknown } } = {}) {
    record('new BrowserWindow', [options.webPreferences?.preload]);
    process.exit(0);
  }
}
export const clipboard = recorded('clipboard');
export const dialog = recorded('dialog');
export const ipcMain = recorded('ipcMain');
export const Notification = recorded('Notification');
export const protocol = recorded('protocol');
// One 1920×1080 display, as a window placed from its work area needs.
export const screen = recorded('screen', { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1050 } }] });
export const session = recorded('session');
export const shell = recorded('shell');
export default { app, BrowserWindow, clipboard, dialog, ipcMain, Notification, protocol, screen, session, shell };
