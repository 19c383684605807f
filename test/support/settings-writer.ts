// A second process writing Registry Desk's settings file through the same repository and lock as
// the app and the credential helper: `node writer.mjs <dataDir> <prefix> <count> <readyFile> <goFile>`.
// It says it is ready, waits for the go (so both writers really run at the same time), then adds
// <count> registries, one read-modify-write each.
import { existsSync, writeFileSync } from 'node:fs';
import Conf from 'conf';
import { fileLock } from '../../main/settings/settings-lock';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { createSettingsRepository } from '../../main/settings/settings-repository';

const [dataDir, prefix, count, readyFile, goFile] = process.argv.slice(2) as [string, string, string, string, string];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const backend = new Conf<Record<string, unknown>>({ cwd: dataDir, ...SETTINGS_STORE_OPTIONS });
const settings = createSettingsRepository(backend, quiet, undefined, fileLock(`${backend.path}.lock`));

writeFileSync(readyFile, '');
while (!existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
for (let index = 0; index < Number(count); index += 1) {
  const id = `reg_${prefix}${String(index).padStart(15, '0')}`;
  settings.update((file) => ({
    ...file,
    registries: [...file.registries, { id, name: id, type: 'other', url: `${id.slice(4)}.example`, isDefault: false, createdAt: '', updatedAt: '', secrets: [] }],
  }));
}
