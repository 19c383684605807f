// `electron-builder --dir` on a fresh copy of the project, fetching the Electron zip from the local
// mirror as `npm start` does: the unpacked app must hold the built main, preload and renderer in its
// asar, keytar's native module beside it, and nothing from devDependencies, tests or source maps.
// The AppImage, deb, dmg and nsis targets need tools these machines cannot download; the
// configuration test (test/unit/packaging-config.test.ts) covers them.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_VERSION, ELECTRON_ZIP, FUSE_SENTINEL, startElectronMirror, type ElectronMirror } from '../electron-mirror/electron-mirror';
import { freshProjectCopy } from '../electron-mirror/project-copy';

const PROJECT_ROOT = join(import.meta.dirname, '../..');
const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(archive: string): string[];
  statFile(archive: string, file: string): { unpacked?: boolean };
  extractFile(archive: string, file: string): Buffer;
};

interface LockPackage {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
}

let mirror: ElectronMirror;
let root: string;
let removeCopy: () => Promise<void>;
const scratch = mkdtempSync(join(tmpdir(), 'registry-desk-packaging-'));
let builderOutput = '';
let builderCode: number | null = null;

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Packaging rebuilds keytar for Electron, and node-gyp would download Electron's headers for that.
 * keytar is N-API (ABI-stable across Node and Electron), so the running Node's headers build the
 * same module offline: the npm `node` package and Debian both ship them beside the binary.
 */
function nodeHeaders(): Record<string, string> {
  if (process.env.npm_config_nodedir) return {};
  const prefix = dirname(dirname(process.execPath));
  const candidates = [prefix, join(prefix, `node_modules/node-${process.platform}-${process.arch}`)];
  const found = candidates.find((folder) => existsSync(join(folder, 'include/node/node_api.h')));
  return found ? { npm_config_nodedir: found } : {};
}

const skipReason = process.platform !== 'linux' || process.arch !== 'x64' ? 'the stand-in Electron zip is laid out for linux-x64 only' : undefined;

describe.skipIf(skipReason !== undefined)('electron-builder --dir against the local Electron mirror', () => {
  beforeAll(async () => {
    mirror = await startElectronMirror();
    ({ root, remove: removeCopy } = freshProjectCopy());
    const built = await run('npm', ['run', '--silent', 'build'], {});
    expect(built.code, built.output).toBe(0);
    const packaged = await run(join(root, 'node_modules/.bin/electron-builder'), ['--dir', '--publish', 'never'], {
      ...nodeHeaders(),
      ELECTRON_MIRROR: mirror.url,
      electron_use_remote_checksums: '1',
      // Both caches start empty, so the zip has to come from the mirror.
      XDG_CACHE_HOME: join(scratch, 'cache'),
      ELECTRON_BUILDER_CACHE: join(scratch, 'electron-builder-cache'),
    });
    builderCode = packaged.code;
    builderOutput = packaged.output;
  }, 300_000);

  afterAll(async () => {
    await mirror?.stop();
    await removeCopy?.();
    await rm(scratch, { recursive: true, force: true });
  }, 300_000);

  const unpacked = () => join(root, 'dist/linux-unpacked');
  const archive = () => join(unpacked(), 'resources/app.asar');

  it('fetches the Electron zip from the mirror and unpacks the app around it', () => {
    expect(builderCode, builderOutput).toBe(0);
    expect(mirror.requests()).toEqual(expect.arrayContaining([`/v${ELECTRON_VERSION}/${ELECTRON_ZIP}`, `/v${ELECTRON_VERSION}/SHASUMS256.txt`]));
    const executable = join(unpacked(), 'registry-desk');
    expect(statSync(executable).mode & 0o111).not.toBe(0);
    expect(readFileSync(executable, 'utf8')).toContain('REGISTRY_DESK_STAND_IN_RECORD');
  });

  it('turns the RunAsNode fuse off, so ELECTRON_RUN_AS_NODE cannot make the app a plain Node', () => {
    const binary = readFileSync(join(unpacked(), 'registry-desk'));
    const wire = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    expect(wire).toBeGreaterThan(FUSE_SENTINEL.length);
    expect([binary[wire], binary[wire + 1]]).toEqual([1, 8]);
    expect(String.fromCharCode(binary[wire + 2]!)).toBe('0');
  });

  it('puts the built main, preload and renderer in app.asar, and no project source, test or source map', () => {
    const files = asar.listPackage(archive());
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    expect(new Set(files.map((file) => file.split('/')[1]))).toEqual(new Set(['package.json', 'out', 'node_modules']));
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('/out/') && /\.tsx?$/.test(file))).toEqual([]);
  });

  it('carries the production dependencies and none of the devDependencies', () => {
    const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    // electron-builder hoists the production tree anew, so packages are compared by name and version, not path.
    const production = new Set<string>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (path && !entry.dev && !entry.devOptional) production.add(`${name}@${entry.version}`);
    }
    const packaged = asar
      .listPackage(archive())
      .filter((file) => /\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(file))
      .map((file) => JSON.parse(asar.extractFile(archive(), file.slice(1)).toString('utf8')) as { name?: string; version?: string })
      .filter((found) => found.name && found.version)
      .map((found) => `${found.name}@${found.version}`);
    expect(packaged.length).toBeGreaterThan(50);
    expect(packaged.filter((id) => !production.has(id))).toEqual([]);
    const names = new Set(packaged.map((id) => id.slice(0, id.lastIndexOf('@'))));
    // A devDependency that production code also needs (ajv, through conf) is not dev-only in the lock.
    const devOnly = Object.keys(manifest.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev);
    expect(devOnly).toEqual(expect.arrayContaining(['electron', 'vite', 'vitest', 'react', 'typescript', '@kubernetes/client-node']));
    for (const name of devOnly) expect(names.has(name), name).toBe(false);
    for (const name of Object.keys(manifest.dependencies)) expect(names.has(name), name).toBe(true);
  });

  it("keeps keytar's native module unpacked beside the asar, where it can be loaded", () => {
    const native = 'node_modules/keytar/build/Release/keytar.node';
    expect(asar.statFile(archive(), native).unpacked).toBe(true);
    const outside = join(unpacked(), 'resources/app.asar.unpacked', native);
    expect(readFileSync(outside).equals(readFileSync(join(root, native)))).toBe(true);
    // N-API: the module electron-builder packed loads in this Node as it will in Electron.
    const loaded = execFileSync(process.execPath, ['-p', `Object.keys(require(${JSON.stringify(outside)})).sort().join(',')`], { encoding: 'utf8' });
    expect(loaded.trim().split(',')).toEqual(expect.arrayContaining(['deletePassword', 'findCredentials', 'getPassword', 'setPassword']));
  });
});
