import { runCredentialHelper } from './helper-process';
import { helperStartFailureLine } from '../app-errors/helper-start-failure';

/** package.json's version, put in by build-helper.mjs. */
declare const REGISTRY_DESK_VERSION: string;

// docker-credential-registry-desk on Node, as a development checkout runs it (bin/docker-credential-registry-desk).
try {
  process.exitCode = await runCredentialHelper({
    args: process.argv.slice(2),
    env: process.env,
    version: REGISTRY_DESK_VERSION,
    stdin: process.stdin,
    stdout: process.stdout,
  });
} catch (error) {
  process.stderr.write(helperStartFailureLine(error));
  process.exitCode = 1;
}
