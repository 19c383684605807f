import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionMode } from '../../shared/registry-types';

export interface SkopeoLogin {
  /** `host:port` */
  address: string;
  username: string;
  password: string;
  mode: ConnectionMode;
  caCertificate?: string;
}

/**
 * `skopeo login` with the same trust settings as the app's connection modes: `--cert-dir` holding
 * ca.crt for "secure with CA", `--tls-verify=false` for insecure. The password goes in on stdin
 * and the auth file is private to the call.
 */
export async function skopeoLogin(login: SkopeoLogin): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'registry-desk-skopeo-'));
  try {
    const trust: string[] = [];
    if (login.mode === 'insecure') trust.push('--tls-verify=false');
    if (login.mode === 'secure-with-ca') {
      await writeFile(join(dir, 'ca.crt'), login.caCertificate ?? '');
      trust.push('--cert-dir', dir);
    }
    const args = ['login', ...trust, '--username', login.username, '--password-stdin', login.address];
    const child = spawn('skopeo', args, { env: { ...process.env, REGISTRY_AUTH_FILE: join(dir, 'auth.json') } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(login.password);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return { ok: code === 0, output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
