import type { Workstation } from '../registry-import';

/**
 * docker's ContainsAuth and oras-go's IsAuthConfigured (helm): a file with none of these gets the
 * platform's default store for every host; one entry of any kind, and that store is never asked.
 */
export const configuresAuth = (file: { credsStore: string | null; credHelpers: object; auths: object }) =>
  file.credsStore !== null || Object.keys(file.credHelpers).length > 0 || Object.keys(file.auths).length > 0;

/**
 * The store docker's defaultCredentialsStore names per platform (docker/cli
 * cli/config/credentials/default_store_{linux,darwin,windows}.go; oras-go's native stores, which
 * helm uses, name the same): on Linux `pass` when it is on PATH, else `secretservice`; none on the others.
 */
async function platformStore(platform: Workstation['platform'], onPath: (command: string) => Promise<boolean>): Promise<string | null> {
  if (platform === 'darwin') return 'osxkeychain';
  if (platform === 'win32') return 'wincred';
  if (platform === 'linux') return (await onPath('pass')) ? 'pass' : 'secretservice';
  return null;
}

/**
 * docker's and oras-go's DetectDefaultStore: the platform's store, if its docker-credential-* is
 * on PATH (both look the helper up before using it); null otherwise.
 */
export async function detectDefaultStore(platform: Workstation['platform'], onPath: (command: string) => Promise<boolean>): Promise<string | null> {
  const store = await platformStore(platform, onPath);
  return store !== null && (await onPath(`docker-credential-${store}`)) ? store : null;
}
