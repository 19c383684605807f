import { runCredentialHelper } from './helper-process';

/** package.json's version, put in by build-helper.mjs. */
declare const REGISTRY_DESK_VERSION: string;

// docker-credential-registry-desk on Node, as a development checkout runs it (bin/docker-credential-registry-desk).
process.exitCode = await runCredentialHelper({
  args: process.argv.slice(2),
  env: process.env,
  version: REGISTRY_DESK_VERSION,
  stdin: process.stdin,
  stdout: process.stdout,
});
