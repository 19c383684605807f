import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { createSettingsRepository } from '../../main/settings/settings-repository';
import { bundleEntry, type BundledEntry } from '../support/bundled-entry';

// The app and `docker-credential-registry-desk store` / `erase` rewrite the same settings file.
// Two processes each add registries through the repository at the same moment; every write must
// survive. (Without the lock, the same run drops some: each process writes back the file as it
// read it, without the other's latest registry.)

const run = promisify(execFile);
const COUNT = 150;
let bundle: BundledEntry | undefined;
let writer: string;
let dataDir: string;

beforeAll(async () => {
  bundle = await bundleEntry('settings-writer.ts', ['conf']);
  writer = bundle.path;
  dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-two-writers-'));
}, 120_000);

afterAll(async () => {
  await bundle?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('two processes writing the settings file', () => {
  it('lose none of each other\'s writes', async () => {
    const go = join(dataDir, 'go');
    const writers = ['a', 'b'].map((prefix) => run(process.execPath, [writer, dataDir, prefix, String(COUNT), join(dataDir, `ready-${prefix}`), go], { timeout: 120_000 }));
    // Both started before either writes: a condition, polled, not a guess at start-up time.
    await expect.poll(() => existsSync(join(dataDir, 'ready-a')) && existsSync(join(dataDir, 'ready-b')), { timeout: 60_000 }).toBe(true);
    await writeFile(go, '');
    await Promise.all(writers);
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const settings = createSettingsRepository(new Conf<Record<string, unknown>>({ cwd: dataDir, ...SETTINGS_STORE_OPTIONS }), quiet).read();
    const ids = settings.registries.map((registry) => registry.id);
    expect(ids.filter((id) => id.startsWith('reg_a'))).toHaveLength(COUNT);
    expect(ids.filter((id) => id.startsWith('reg_b'))).toHaveLength(COUNT);
    expect(existsSync(join(dataDir, 'settings.json.lock'))).toBe(false);
  }, 180_000);
});
