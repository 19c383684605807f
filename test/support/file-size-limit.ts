import { execFileSync } from 'node:child_process';

const prlimit = (...args: string[]): string => execFileSync('prlimit', ['--pid', String(process.pid), ...args], { encoding: 'utf8' });

/**
 * Node ignores SIGXFSZ, but a library that watches signals to clean up on exit (signal-exit and
 * its kin) re-raises it once it is the only listener, which kills the test process. With a
 * listener of our own it never is. The listener stays: the kernel's signal may be dispatched by
 * the event loop after the limit has been lifted.
 */
function surviveFileSizeSignals(): void {
  if (!process.listeners('SIGXFSZ').includes(ignore)) process.on('SIGXFSZ', ignore);
}
function ignore(): void {}

/**
 * Runs `work` while this process may write no file past `bytes` (the kernel's RLIMIT_FSIZE, set
 * with util-linux's prlimit): a write that crosses it fails part-way with EFBIG, as a write to a
 * full disk fails with ENOSPC. The limits in force before are restored afterwards.
 */
export async function withFileSizeLimit<T>(bytes: number, work: () => Promise<T>): Promise<T> {
  const [soft, hard] = prlimit('--fsize', '--output', 'SOFT,HARD', '--noheadings', '--raw').trim().split(/\s+/);
  if (!soft || !hard) throw new Error('prlimit did not report the file-size limit');
  surviveFileSizeSignals();
  prlimit(`--fsize=${bytes}:${hard}`);
  try {
    return await work();
  } finally {
    prlimit(`--fsize=${soft}:${hard}`);
  }
}
