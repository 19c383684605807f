import { execFile } from 'node:child_process';

/** One run of a real command-line client (skopeo, docker, helm…): whether it succeeded, and all it printed. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env, timeout: 120_000 }, (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }));
    if (input !== undefined) child.stdin?.end(input);
  });
}
