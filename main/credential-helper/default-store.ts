import type { Workstation } from '../registry-import';

/**
 * docker's ContainsAuth and oras-go's IsAuthConfigured (helm): a file with none of these gets the
 * platform's default store for every host; one entry of any kind, and that store is never asked.
 */
export const configuresAuth = (file: { credsStore: string | null; credHelpers: object; auths: object }) =>
  file.credsStore !== null || Object.keys(file.credHelpers).length > 0 || Object.keys(file.auths).length > 0;

/**
 * docker's and oras-go's DetectDefaultStore (docker/cli credentials/default_store_linux.go):
 * `pass` when it is on PATH, else `secretservice`, if its docker-credential-* is there; null elsewhere.
 */
export async function detectDefaultStore(platform: Workstation['platform'], onPath: (command: string) => Promise<boolean>): Promise<string | null> {
  if (platform !== 'linux') return null;
  const platformDefault = (await onPath('pass')) ? 'pass' : 'secretservice';
  return (await onPath(`docker-credential-${platformDefault}`)) ? platformDefault : null;
}
