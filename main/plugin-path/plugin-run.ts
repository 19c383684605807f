import { spawn } from 'node:child_process';

/**
 * One run of an outside program the app asks for credentials or a PATH: a docker credential
 * helper, a kubeconfig exec plugin, the login shell. Such a program may start children of its
 * own that keep our pipes open and keep writing, so it runs as the leader of its own process
 * group, and the whole group is what gets killed.
 */
export interface PluginRunRequest {
  executable: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  input?: string;
  timeoutMs: number;
  /** stdout and stderr together; past it nothing more is kept and the group is killed. */
  maxOutputBytes: number;
}

/**
 * How the run ended. `exited`: the program ended by itself. `timeout` and `overflow`: the app
 * killed its group. In every case the program has exited before the run settles.
 */
export type PluginRunEnd =
  | { ending: 'exited'; code: number | null; stdout: string; stderr: string }
  | { ending: 'timeout' }
  | { ending: 'overflow' };

/** How long the pipes may stay open after the group was killed. */
const LET_GO_MS = 2_000;

/** The program could not be started (ENOENT, EACCES…): the run rejects with the system error. */
export function runPlugin(request: PluginRunRequest): Promise<PluginRunEnd> {
  return new Promise((resolve, reject) => {
    // On Windows a detached child gets a console window of its own, and there are no groups to kill.
    const grouped = process.platform !== 'win32';
    const child = spawn(request.executable, request.args, { env: request.env, stdio: ['pipe', 'pipe', 'pipe'], detached: grouped, windowsHide: true });
    const output: { stdout: Buffer[]; stderr: Buffer[]; bytes: number } = { stdout: [], stderr: [], bytes: 0 };
    let stopped: 'timeout' | 'overflow' | undefined;
    const killGroup = () => {
      if (child.pid === undefined) return;
      if (!grouped) return void child.kill('SIGKILL');
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    let letGo: NodeJS.Timeout | undefined;
    const stop = (reason: 'timeout' | 'overflow') => {
      if (stopped) return;
      stopped = reason;
      killGroup();
      child.stdin.destroy();
      // The pipes end when the last member holding them has died. One that left the group
      // (setsid) is out of reach: stop waiting for it.
      letGo = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, LET_GO_MS);
    };
    const timer = setTimeout(() => stop('timeout'), request.timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (stopped) return;
      if (output.bytes + chunk.length > request.maxOutputBytes) return stop('overflow');
      output.bytes += chunk.length;
      into.push(chunk);
    };
    child.stdout.on('data', collect(output.stdout));
    child.stderr.on('data', collect(output.stderr));
    child.stdin.on('error', () => undefined);
    child.stdin.end(request.input ?? '');
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // What the leader left behind has no one to answer to: end it, so the pipes close.
    child.once('exit', killGroup);
    child.once('close', (code) => {
      clearTimeout(timer);
      clearTimeout(letGo);
      if (stopped === 'timeout') resolve({ ending: 'timeout' });
      else if (stopped === 'overflow') resolve({ ending: 'overflow' });
      else resolve({ ending: 'exited', code, stdout: Buffer.concat(output.stdout).toString('utf8'), stderr: Buffer.concat(output.stderr).toString('utf8') });
    });
  });
}
