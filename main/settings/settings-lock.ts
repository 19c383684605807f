import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../app-errors/app-failure';

/**
 * Makes one read-modify-write of the settings file exclusive across processes: the app and
 * `docker-credential-registry-desk store` / `erase` (run by docker login and logout while the
 * window is open) both rewrite the whole file, and without it one would drop the other's change.
 */
export interface SettingsLock {
  exclusive<T>(work: () => T): T;
}

export interface FileLockOptions {
  /** How long to wait for the other process; its read-modify-write takes milliseconds. */
  waitMs?: number;
  /** A lock older than this is left over from a process that died holding it. */
  staleMs?: number;
}

const WAIT_MS = 10_000;
const STALE_MS = 30_000;
const RETRY_MS = 5;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The settings repository is synchronous (electron-store's API): the wait is too, in short steps. */
const sleep = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/**
 * held: wait. dead: its holder died, remove it. released: gone meanwhile, try again at once —
 * never remove then: the path may already be a new holder's lock.
 */
function holderState(path: string, staleMs: number): 'held' | 'dead' | 'released' {
  try {
    if (Date.now() - statSync(path).mtimeMs > staleMs) return 'dead';
    // Empty for the moment between the holder's create and its write of the pid.
    const pid = Number(readFileSync(path, 'utf8').split(' ', 1)[0]);
    if (!Number.isInteger(pid) || pid <= 0) return 'held';
    process.kill(pid, 0);
    return 'held';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'released';
    // EPERM: the pid is alive (another user's process): still held.
    return code === 'ESRCH' ? 'dead' : 'held';
  }
}

function removeLock(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * A lock file beside the settings file, created with O_EXCL (atomic on local file systems) and
 * holding the owner's pid. A holder that died is detected by its pid or the file's age; breaking
 * such a lock can race with another breaker only when a process died inside its few milliseconds.
 */
export function fileLock(path: string, options: FileLockOptions = {}): SettingsLock {
  const waitMs = options.waitMs ?? WAIT_MS;
  const staleMs = options.staleMs ?? STALE_MS;
  let depth = 0;

  /** Creates the lock file, or answers the code that stopped it. */
  function tryCreate(): string | null {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? 'cannot lock';
    }
    try {
      writeSync(fd, `${process.pid} ${new Date().toISOString()}\n`);
    } finally {
      closeSync(fd);
    }
    return null;
  }

  function acquire(): void {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const code = tryCreate();
      if (code === null) return;
      if (code === 'ENOENT') {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        continue;
      }
      if (code !== 'EEXIST') throw new AppFailure('settings.unreadable', { path, detail: code });
      const state = holderState(path, staleMs);
      if (state === 'dead') removeLock(path);
      else if (state === 'held') {
        if (Date.now() >= deadline) throw new AppFailure('settings.busy', { path, seconds: Math.round(waitMs / 1000) });
        sleep(RETRY_MS);
      }
    }
  }

  return {
    exclusive(work) {
      // Re-entrant: a read that migrates the file runs inside an update that already holds it.
      if (depth === 0) acquire();
      depth += 1;
      try {
        return work();
      } finally {
        depth -= 1;
        if (depth === 0) removeLock(path);
      }
    },
  };
}

/** For a settings file no other process writes (read-only backends, tests of the repository alone). */
export const NO_LOCK: SettingsLock = { exclusive: (work) => work() };
