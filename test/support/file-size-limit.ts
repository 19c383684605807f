import { execFileSync } from 'node:child_process';

const prlimit = (...args: string[]): string => execFileSync('prlimit', ['--pid', String(process.pid), ...args], { encoding: 'utf8' });

/**
 * Runs `work` while this process may write no file past `bytes` (the kernel's RLIMIT_FSIZE, set
 * with util-linux's prlimit): a write that crosses it fails part-way with EFBIG, as a write to a
 * full disk fails with ENOSPC. Node ignores SIGXFSZ, so the process lives on. The limits in force
 * before are restored afterwards.
 */
export async function withFileSizeLimit<T>(bytes: number, work: () => Promise<T>): Promise<T> {
  const [soft, hard] = prlimit('--fsize', '--output', 'SOFT,HARD', '--noheadings', '--raw').trim().split(/\s+/);
  if (!soft || !hard) throw new Error('prlimit did not report the file-size limit');
  prlimit(`--fsize=${bytes}:${hard}`);
  try {
    return await work();
  } finally {
    prlimit(`--fsize=${soft}:${hard}`);
  }
}
