import { readFileSync } from 'node:fs';

/**
 * Whether a process still runs. A zombie does not: it holds no memory and no pipes, and on this
 * machine's init nothing reaps orphans, so killed grandchildren stay zombies.
 */
export function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/**
 * A process that has closed its last file is inside its exit; the kernel marks it a zombie a
 * moment later. True once it no longer runs, false if it still does after `withinMs`.
 */
export async function waitUntilGone(pid: number, withinMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
