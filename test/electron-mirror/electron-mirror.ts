import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { zipArchive } from './stand-in-zip';

const PROJECT_ROOT = join(import.meta.dirname, '../..');

/** The Electron version package.json pins, as its installer asks for it. */
export const ELECTRON_VERSION: string = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

/** `electron-v45.5.0-linux-x64.zip`: the file name Electron's installer asks the mirror for on this machine. */
export const ELECTRON_ZIP = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;

/**
 * Electron's fuse wire as real binaries carry it (@electron/fuses reads and flips it): the sentinel,
 * wire version 1, the number of fuses, then one byte per fuse, '1' on and '0' off. These are
 * Electron's defaults, RunAsNode (the first) on, so packaging has a fuse to turn off.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE = `${FUSE_SENTINEL}\u0001\u000810110001`;

/**
 * Stands in for the Electron executable: records its working folder, arguments and environment
 * under $REGISTRY_DESK_STAND_IN_RECORD, and when $REGISTRY_DESK_STAND_IN_HOLD names a file, stays
 * up until that file exists (so a test can look at the dev server it was pointed at).
 */
const STAND_IN_SCRIPT = `#!/bin/sh
record=\${REGISTRY_DESK_STAND_IN_RECORD:?stand-in Electron: REGISTRY_DESK_STAND_IN_RECORD is not set}
mkdir -p "$record"
pwd > "$record/cwd"
printf '%s\\n' "$@" > "$record/args"
# Written whole and then renamed: a test polls for this file and must never read half of it.
env > "$record/env.partial" && mv "$record/env.partial" "$record/env"
if [ -n "\${REGISTRY_DESK_STAND_IN_HOLD:-}" ]; then
  waited=0
  while [ ! -e "$REGISTRY_DESK_STAND_IN_HOLD" ] && [ "$waited" -lt 600 ]; do sleep 0.1; waited=$((waited + 1)); done
fi
exit 0
# ${FUSE_WIRE}
`;

/** A zip laid out like Electron's release zip for Linux, holding the stand-in instead of Electron. */
export function standInElectronZip(): Buffer {
  return zipArchive([
    { name: 'electron', content: STAND_IN_SCRIPT, mode: 0o755 },
    { name: 'version', content: `v${ELECTRON_VERSION}`, mode: 0o644 },
    { name: 'LICENSE', content: 'Stand-in for the Electron binary, made by Registry Desk tests.\n', mode: 0o644 },
    { name: 'resources/default_app.asar', content: '', mode: 0o644 },
  ]);
}

/** `checksums-only` answers SHASUMS256.txt but 404 for the zip: a download would fail, a cached zip is still checked. */
export type MirrorMode = 'serve' | 'not-found' | 'wrong-checksum' | 'checksums-only';

export interface ElectronMirror extends ListeningServer {
  /** For ELECTRON_MIRROR: the folder that holds `v<version>/`. */
  url: string;
  /** Paths asked for, in order. */
  requests(): string[];
  setMode(mode: MirrorMode): void;
}

/**
 * A local mirror laid out as Electron's releases are: `v<version>/<zip>` and `v<version>/SHASUMS256.txt`
 * (sha256sum's binary-mode format, which the installer checks with electron_use_remote_checksums=1).
 */
export async function startElectronMirror(zip: Buffer = standInElectronZip()): Promise<ElectronMirror> {
  let mode: MirrorMode = 'serve';
  const requests: string[] = [];
  const digest = createHash('sha256').update(zip).digest('hex');
  const files = (): Record<string, Buffer> => ({
    [`/v${ELECTRON_VERSION}/${ELECTRON_ZIP}`]: zip,
    [`/v${ELECTRON_VERSION}/SHASUMS256.txt`]: Buffer.from(`${mode === 'wrong-checksum' ? '0'.repeat(64) : digest} *${ELECTRON_ZIP}\n`),
  });
  const server = await listen((request, response) => {
    const path = new URL(request.url ?? '/', 'http://mirror').pathname;
    requests.push(path);
    const body = mode === 'not-found' || (mode === 'checksums-only' && path.endsWith('.zip')) ? undefined : files()[path];
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    response.end(body);
  });
  return {
    ...server,
    url: `${server.origin}/`,
    requests: () => [...requests],
    setMode: (next) => {
      mode = next;
    },
  };
}
