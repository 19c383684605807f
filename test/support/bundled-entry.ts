import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'rolldown';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BundledEntry {
  /** The bundle, to run with `node`. */
  path: string;
  remove(): Promise<void>;
}

/**
 * A test-support entry (test/support/<file>.ts) bundled for a child process of its own, as the
 * helper is built. It lands inside the checkout so the native or external modules it leaves as
 * imports (keytar, conf) are found in node_modules.
 */
export async function bundleEntry(file: string, external: string[]): Promise<BundledEntry> {
  const outDir = join(ROOT, 'node_modules', '.cache', `${file.replace(/\.ts$/, '')}-${randomBytes(6).toString('hex')}`);
  await build({
    input: join(ROOT, 'test', 'support', file),
    platform: 'node',
    external,
    output: { dir: outDir, format: 'esm', entryFileNames: 'entry.mjs' },
    logLevel: 'warn',
  });
  return { path: join(outDir, 'entry.mjs'), remove: () => rm(outDir, { recursive: true, force: true }) };
}
