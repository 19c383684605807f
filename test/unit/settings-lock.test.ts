import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLock } from '../../main/settings/settings-lock';

// The lock's own cases; two real processes racing through it are test/integration/settings-two-writers.test.ts.

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-lock-'));
  path = join(dir, 'settings.json.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid no process has: the highest Linux allows is 4194304. */
const DEAD_PID = 4_194_305;

describe('fileLock', () => {
  it('holds the lock file for the work, and removes it after, also when the work throws', () => {
    const lock = fileLock(path);
    expect(lock.exclusive(() => existsSync(path))).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(() => lock.exclusive(() => { throw new Error('boom'); })).toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });

  it('is re-entrant inside one process', () => {
    const lock = fileLock(path, { waitMs: 50 });
    expect(lock.exclusive(() => lock.exclusive(() => 'inner'))).toBe('inner');
    expect(existsSync(path)).toBe(false);
  });

  it('waits for a live holder, then says the file is busy without doing the work', () => {
    writeFileSync(path, `${process.pid} now\n`);
    let ran = false;
    expect(() => fileLock(path, { waitMs: 50 }).exclusive(() => (ran = true))).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'settings.busy' }) }));
    expect(ran).toBe(false);
    expect(existsSync(path)).toBe(true);
  });

  it('takes over a lock whose holder died', () => {
    writeFileSync(path, `${DEAD_PID} then\n`);
    expect(fileLock(path, { waitMs: 50 }).exclusive(() => 'done')).toBe('done');
  });

  it('takes over a lock older than the stale limit', () => {
    writeFileSync(path, `${process.pid} long ago\n`);
    expect(fileLock(path, { waitMs: 1000, staleMs: 0 }).exclusive(() => 'done')).toBe('done');
  });
});
