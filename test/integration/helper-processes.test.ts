import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExecCredentials } from '../../main/kube/exec-credentials';
import { loginShellPath } from '../../main/plugin-path/plugin-path';
import { createCredentialHelpers } from '../../main/registry-import/credential-helper';
import { systemClock } from '../../main/logging/clock';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { waitUntilGone } from '../support/process-state';

// Credential helpers and exec plugins are real child processes here: shell scripts that fork
// grandchildren which hold the pipes open and write without end.

const MiB = 1024 * 1024;
let station: TestWorkstation;

beforeEach(async () => {
  station = await createTestWorkstation();
});

afterEach(async () => {
  await station.close();
});

const pidFile = (name: string) => join(station.home, `${name}.pid`);
const readPid = async (name: string) => Number(await readFile(pidFile(name), 'utf8'));
/** The pid a helper wrote when it started, waited for while the run is still going. */
async function startedPid(name: string): Promise<number> {
  for (;;) {
    const pid = await readPid(name).catch(() => NaN);
    if (pid > 0) return pid;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const signalable = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const helpers = (timeoutMs: number) => createCredentialHelpers({ pluginPath: station.pluginPath, env: station.workstation.env, timeoutMs });

/** The grandchild writes `line` in a loop into the pipe it inherited, and ignores a broken pipe. */
const grandchild = (line: string, pause: string) =>
  `( trap '' PIPE; while :; do printf '${line}' 2>/dev/null; ${pause}; done ) &\necho $! > "${pidFile('grandchild')}"`;

describe('credential helpers', () => {
  it('at the timeout kills the helper and the grandchild that holds its pipe, and rejects only after the helper has exited', async () => {
    await station.writeHelper('hang', `${grandchild('tick\\n', 'sleep 0.01')}\necho $$ > "${pidFile('helper')}"\nexec sleep 60`);
    const started = Date.now();
    const answer = helpers(1_500).get('hang', 'hang.example.com');
    const helperPid = await startedPid('helper');
    // Reaped before the rejection: not even a zombie is left of it when the caller hears of it.
    const outcome = await answer.then(() => 'answered', (error: unknown) => ({ error, helperAlive: signalable(helperPid) }));
    expect(outcome).toMatchObject({ error: { appError: { code: 'import.helperTimeout', params: { seconds: 1.5 } } }, helperAlive: false });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The grandchild's end closed the pipe, so the kernel is finishing its exit when the run settles.
    expect(await waitUntilGone(await readPid('grandchild'))).toBe(true);
  });

  it('stops at 1 MiB of output from a grandchild that writes without end, and memory stays bounded', async () => {
    const block = 'x'.repeat(1000);
    await station.writeHelper('flood', `${grandchild(block, ':')}\necho $$ > "${pidFile('helper')}"\nexec sleep 60`);
    const rssBefore = process.memoryUsage().rss;
    await expect(helpers(5_000).list('flood')).rejects.toMatchObject({ appError: { code: 'import.helperGarbage', params: { helper: 'flood', command: 'list' } } });
    const helperPid = await readPid('helper');
    expect(() => process.kill(helperPid, 0)).toThrow();
    expect(await waitUntilGone(await readPid('grandchild'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * MiB);
  });

  it('takes exactly 1 MiB of output and refuses one byte more', async () => {
    // `list` answers a JSON map of one login whose username fills the output to the byte.
    const answer = (bytes: number) => `{"r.example.com":"${'u'.repeat(bytes - '{"r.example.com":""}'.length)}"}`;
    await station.writeHelper('full', `printf '%s' '${answer(MiB)}'`);
    await station.writeHelper('over', `printf '%s' '${answer(MiB + 1)}'`);
    expect((await helpers(10_000).list('full'))['r.example.com']).toHaveLength(MiB - '{"r.example.com":""}'.length);
    await expect(helpers(10_000).list('over')).rejects.toMatchObject({ appError: { code: 'import.helperGarbage' } });
  });

  it('ends what a helper left behind once it has answered', async () => {
    await station.writeHelper('leaves', `${grandchild('', 'sleep 0.01')}\nprintf '{"Username":"u","Secret":"s"}'`);
    const started = Date.now();
    await expect(helpers(10_000).get('leaves', 'r.example.com')).resolves.toEqual({ username: 'u', secret: 's' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await waitUntilGone(await readPid('grandchild'))).toBe(true);
  });
});

describe('exec credential plugins', () => {
  it('kill the plugin and its grandchild at 1 MiB of output and fail only after both have ended', async () => {
    await station.writeFile(join(station.bin, 'flood-auth'), `#!/bin/sh\n${grandchild('x'.repeat(1000), ':')}\necho $$ > "${pidFile('helper')}"\nexec sleep 60\n`);
    await chmod(join(station.bin, 'flood-auth'), 0o755);
    const credentials = createExecCredentials({ pluginPath: station.pluginPath, clock: systemClock });
    const exec = { command: 'flood-auth', args: [], env: [], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false };
    await expect(credentials.get('ctx', exec, { name: 'c', file: 'f', insecureSkipTlsVerify: false })).rejects.toMatchObject({
      appError: { code: 'cluster.execFailed', params: { detail: 'it printed more than 1 MiB' } },
    });
    const helperPid = await readPid('helper');
    expect(() => process.kill(helperPid, 0)).toThrow();
    expect(await waitUntilGone(await readPid('grandchild'))).toBe(true);
  });
});

describe('the login shell asked for PATH', () => {
  it('answers even when its startup files leave a process holding the pipe, and that process is ended', async () => {
    const shell = join(station.bin, 'busy-login-shell');
    // Stands in for `sh -ilc <command>` whose profile starts something in the background.
    await station.writeFile(shell, `#!/bin/sh\n${grandchild('', 'sleep 0.01')}\nPATH=/from/profile:$PATH exec /bin/sh -c "$2"\n`);
    await chmod(shell, 0o755);
    const started = Date.now();
    expect((await loginShellPath(shell)).split(':')[0]).toBe('/from/profile');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await waitUntilGone(await readPid('grandchild'))).toBe(true);
  });
});
