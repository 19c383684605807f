import { execFile } from 'node:child_process';

/*
 * Whether podman, skopeo and buildah read a REGISTRY_AUTH_FILE alone. containers/image 5.24
 * (pkg/docker/config getAuthFilePaths: "Don't use any default path fallbacks if the user specified
 * a path") stopped going on to the default files after it. The first release of each tool on
 * c/image 5.24, from their go.mod: podman 4.4.0, skopeo 1.11.0, buildah 1.29.0. Debian 12 ships
 * podman 4.3.1, skopeo 1.9.3 and buildah 1.28.2, which still go on (seen with its real skopeo).
 */
const FIRST_READING_ALONE = { podman: [4, 4], skopeo: [1, 11], buildah: [1, 29] } as const;
export type ContainersTool = keyof typeof FIRST_READING_ALONE;

/** `skopeo version 1.9.3`, `buildah version 1.28.2 (image-spec …)`: the major and minor only. */
const VERSION = /\bversion (\d{1,6})\.(\d{1,6})/;
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_MAX_OUTPUT = 4_096;

/** From one tool's `--version` output: true, false, or null when it does not say. */
export function readsAuthFileAlone(tool: ContainersTool, versionOutput: string): boolean | null {
  const found = VERSION.exec(versionOutput);
  if (!found) return null;
  const [major, minor] = [Number(found[1]), Number(found[2])];
  const [firstMajor, firstMinor] = FIRST_READING_ALONE[tool];
  return major > firstMajor || (major === firstMajor && minor >= firstMinor);
}

/** `<tool> --version`: bounded in time and output; a run that fails or overruns says nothing. */
function versionOutput(executable: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { env, timeout: PROBE_TIMEOUT_MS, maxBuffer: PROBE_MAX_OUTPUT, killSignal: 'SIGKILL', windowsHide: true }, (error, stdout) => resolve(error ? '' : stdout));
  });
}

/**
 * The rule of the tools installed on the tools' PATH. The doctor has one answer for the three: when
 * their versions disagree, the older rule wins, as it names every file one of them may read. No
 * tool, or none that tells its version: the current rule.
 */
export async function installedToolsReadAuthFileAlone(resolve: (command: string) => Promise<string | null>, env: NodeJS.ProcessEnv): Promise<boolean> {
  const answers = await Promise.all(
    (Object.keys(FIRST_READING_ALONE) as ContainersTool[]).map(async (tool) => {
      const executable = await resolve(tool);
      return executable === null ? null : readsAuthFileAlone(tool, await versionOutput(executable, env));
    }),
  );
  return !answers.includes(false);
}
