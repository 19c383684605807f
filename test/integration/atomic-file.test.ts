// The one atomic file writer: a save that fails part-way leaves the old file byte for byte and
// no temporary file behind. Failures come from the kernel (a real file-size limit, EFBIG mid-write)
// and, for the steps a limit cannot reach (flush, rename), from failing calls passed to the writer.
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open, rename, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { writeFileAtomically, type AtomicFileCalls } from '../../main/saved-files/atomic-file';
import { saveFile, writePrivateFile } from '../../main/saved-files/saved-files';
import { withFileSizeLimit } from '../support/file-size-limit';

const OLD = `# the operator's file\n${'old line\n'.repeat(2_300)}`;
const NEW = `# the new export\n${'new line\n'.repeat(3_600)}`;

const failure = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** Node's calls, except that writing the temporary file stops half-way with ENOSPC, or the named step fails. */
function failingCalls(step: 'write' | 'sync' | 'rename'): AtomicFileCalls {
  const failingOpen = (async (path: string, flags?: string, mode?: number) => {
    const handle = await open(path, flags, mode);
    if (!path.endsWith('.tmp')) return handle;
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile' && step === 'write')
          return async (data: string) => {
            await target.write(data.slice(0, data.length / 2));
            throw failure('ENOSPC');
          };
        if (property === 'sync' && step === 'sync') return async () => Promise.reject(failure('EIO'));
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }) as typeof open;
  const failingRename = (async () => Promise.reject(failure('EACCES'))) as typeof rename;
  return { open: failingOpen, rename: step === 'rename' ? failingRename : rename, unlink };
}

describe('the atomic file writer', () => {
  let folder: string;
  let target: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rd-atomic-'));
    target = join(folder, 'registry-desk-settings.json');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the old file whole when the kernel refuses the write part-way (real file-size limit)', async () => {
    writeFileSync(target, OLD);
    const error = await withFileSizeLimit(4_096, () => writePrivateFile(target, NEW).catch((caught: unknown) => caught));
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({ code: 'export.writeFailed', params: { path: target, detail: 'EFBIG' } });
    expect(readFileSync(target, 'utf8')).toBe(OLD);
    expect(readdirSync(folder)).toEqual(['registry-desk-settings.json']);
  });

  for (const [step, code] of [['write', 'ENOSPC'], ['sync', 'EIO'], ['rename', 'EACCES']] as const) {
    it(`keeps the old file whole and removes the temporary file when the ${step} fails`, async () => {
      writeFileSync(target, OLD);
      await expect(writeFileAtomically(target, NEW, 0o600, failingCalls(step))).rejects.toMatchObject({ code });
      expect(readFileSync(target, 'utf8')).toBe(OLD);
      expect(readdirSync(folder)).toEqual(['registry-desk-settings.json']);
    });
  }

  it('leaves nothing at all when there was no file and the write fails', async () => {
    await expect(writeFileAtomically(target, NEW, 0o600, failingCalls('write'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('replaces the file with exactly the new bytes and the asked mode, also over a file whose mode was wider', async () => {
    writeFileSync(target, OLD);
    chmodSync(target, 0o644);
    await writePrivateFile(target, NEW);
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    expect(lstatSync(target).mode & 0o777).toBe(0o600);
    await saveFile(target, OLD, 0o644);
    expect(lstatSync(target).mode & 0o777).toBe(0o644);
    expect(readdirSync(folder)).toEqual(['registry-desk-settings.json']);
  });

  it('replaces a symlink at the path instead of writing through it', async () => {
    const elsewhere = join(folder, 'elsewhere.txt');
    writeFileSync(elsewhere, OLD);
    symlinkSync(elsewhere, target);
    await writePrivateFile(target, NEW);
    expect(readFileSync(elsewhere, 'utf8')).toBe(OLD);
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe(NEW);
    expect(() => readlinkSync(target)).toThrow();
  });
});

/** Version n of a file a reader can check whole: its first line names n, and only that exact text is version n. */
const version = (n: number) => `begin ${n}\n${`${String(n).padStart(8, '0')}\n`.repeat(64 * 1024)}end ${n}\n`;

// Another process reading the file as fast as it can, as docker reads config.json while the app
// writes it: every read must be one whole version. It prints "ready" after its first read, "torn"
// at once for each read that is not a whole version, and its counts when its stdin closes.
const READER = `
const { readFileSync } = require('node:fs');
const body = (n) => String(n).padStart(8, '0') + '\\n';
const whole = (text) => { const m = /^begin (\\d+)\\n/.exec(text); return m !== null && text === 'begin ' + m[1] + '\\n' + body(Number(m[1])).repeat(64 * 1024) + 'end ' + m[1] + '\\n' ? Number(m[1]) : null; };
let reads = 0, torn = 0, stop = false;
const versions = new Set();
process.stdin.resume().on('end', () => (stop = true));
(function loop() {
  for (let i = 0; i < 20; i += 1) {
    let text = '';
    try { text = readFileSync(process.argv[1], 'utf8'); } catch (error) { if (error.code !== 'ENOENT') throw error; }
    reads += 1;
    const n = whole(text);
    if (n === null) { torn += 1; process.stdout.write('torn\\n'); } else versions.add(n);
    if (reads === 1) process.stdout.write('ready\\n');
  }
  if (stop) process.stdout.write(JSON.stringify({ reads, torn, versions: versions.size }) + '\\n');
  else setImmediate(loop);
})();
`;

interface Reading {
  /** Resolves at the first read the reader calls torn. */
  firstTorn: Promise<void>;
  /** Closes the reader's stdin and resolves with its counts. */
  finish(): Promise<{ reads: number; torn: number; versions: number }>;
}

async function startReader(path: string): Promise<Reading> {
  const child = spawn(process.execPath, ['-e', READER, path], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  let ready!: () => void;
  let tornSeen!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const firstTorn = new Promise<void>((resolve) => (tornSeen = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (output.includes('ready\n')) ready();
    if (output.includes('torn\n')) tornSeen();
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  await started;
  return {
    firstTorn,
    async finish() {
      child.stdin.end();
      await exited;
      return JSON.parse(output.trim().split('\n').at(-1)!) as { reads: number; torn: number; versions: number };
    },
  };
}

describe('a reader in another process while the file is replaced again and again', () => {
  let folder: string;
  let target: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rd-atomic-reader-'));
    target = join(folder, 'config.json');
    writeFileSync(target, version(0));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('the reader itself catches a torn file: a plain rewrite in place (truncate, then write) shows it one', async () => {
    const reader = await startReader(target);
    let caught = false;
    void reader.firstTorn.then(() => (caught = true));
    // Until the reader has caught one; bounded, so a reader that cannot see a tear fails here.
    for (let n = 1; n <= 2_000 && !caught; n += 1) await writeFile(target, version(n));
    const counts = await reader.finish();
    expect(counts.torn).toBeGreaterThan(0);
  });

  it('never sees anything but a whole version, old or new, while the atomic writer replaces it 60 times', async () => {
    const reader = await startReader(target);
    for (let n = 1; n <= 60; n += 1) await writeFileAtomically(target, version(n), 0o600);
    const counts = await reader.finish();
    expect(counts).toMatchObject({ torn: 0 });
    // It read while the writes went on, not only before or after them.
    expect(counts.versions).toBeGreaterThanOrEqual(2);
    expect(readFileSync(target, 'utf8')).toBe(version(60));
    expect(readdirSync(folder)).toEqual(['config.json']);
  });
});
