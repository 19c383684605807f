// Runs the real kubectl against a kubeconfig, asynchronously: the API server answering it lives in
// the same process, so a synchronous spawn would deadlock.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The dispatcher picks a kubectl by the server's version; 1.31 is the last to send JSON for typed creates. */
export const KUBECTL = '/usr/bin/kubectl';
export const KUBECTL_1_31 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectl(kubeconfig: string, args: string[], options: { stdin?: string; binary?: string } = {}): Promise<KubectlRun> {
  // Each run gets its own discovery cache, so no run sees another server's answers.
  const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  const child = spawn(options.binary ?? KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
