// The one atomic file writer: a save that fails part-way leaves the old file byte for byte and
// no temporary file behind. Failures come from the kernel (a real file-size limit, EFBIG mid-write)
// and, for the steps a limit cannot reach (flush, rename), from failing calls passed to the writer.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
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
