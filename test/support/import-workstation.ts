import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createPluginPath, type PluginPath } from '../../main/plugin-path/plugin-path';
import type { Workstation } from '../../main/registry-import/workstation';

/** A workstation of its own per test: a home with docker and podman files, and a folder of credential helpers. */
export interface TestWorkstation {
  home: string;
  /** Where the stand-in helpers are written; first on the helpers' PATH. */
  bin: string;
  workstation: Workstation;
  pluginPath: PluginPath;
  dockerConfig: string;
  writeDockerConfig(config: object | string): Promise<void>;
  /** A Podman/skopeo auth.json at ${XDG_RUNTIME_DIR}/containers/auth.json. */
  runtimeAuthFile: string;
  writeFile(path: string, content: object | string): Promise<void>;
  /** A `docker-credential-<name>` shell script with this body. */
  writeHelper(name: string, body: string): Promise<void>;
  close(): Promise<void>;
}

export const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export async function createTestWorkstation(): Promise<TestWorkstation> {
  const home = await mkdtemp(join(tmpdir(), 'registry-desk-workstation-'));
  const bin = join(home, 'bin');
  const runtime = join(home, 'runtime');
  await mkdir(bin, { recursive: true });
  await mkdir(runtime, { recursive: true, mode: 0o700 });
  const processPath = [bin, process.env.PATH ?? ''].join(delimiter);
  const env = { ...process.env, HOME: home, XDG_RUNTIME_DIR: runtime, PATH: processPath, DOCKER_CONFIG: undefined, REGISTRY_AUTH_FILE: undefined, XDG_CONFIG_HOME: undefined };
  const write = async (path: string, content: object | string) => {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  };
  const dockerConfig = join(home, '.docker', 'config.json');
  return {
    home,
    bin,
    workstation: { env, home, platform: 'linux' },
    // The machine's login shell plays no part: helpers are found on this PATH only (the usual folders come after it).
    pluginPath: createPluginPath({ processPath, home }),
    dockerConfig,
    writeDockerConfig: (config) => write(dockerConfig, config),
    runtimeAuthFile: join(runtime, 'containers', 'auth.json'),
    writeFile: write,
    async writeHelper(name, body) {
      const path = join(bin, `docker-credential-${name}`);
      await writeFile(path, `#!/bin/sh\n${body}\n`);
      await chmod(path, 0o755);
    },
    close: () => rm(home, { recursive: true, force: true }),
  };
}
