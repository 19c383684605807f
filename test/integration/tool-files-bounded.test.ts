import { mkdir, mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { launcherState } from '../../main/credential-helper/helper-launcher';
import { applyConfigSwitch, planConfigSwitch, undoConfigSwitch } from '../../main/credential-helper/tool-config-switch';
import { checkUndo, sha256 } from '../../main/credential-helper/undo-record';

// Apply, its rollback, Undo and the launcher's state read the tools' files bounded before any read, as the
// preview does: a file grown past the bound is refused with the preview's own error. The 3 GiB
// files are sparse (no disk used): read whole, Node refuses them (ERR_FS_FILE_TOO_LARGE).

const HOST = 'registry.example.com';
const GIB3 = 3 * 1024 * 1024 * 1024;
let folder: string;
let path: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-bounded-'));
  path = join(folder, 'config.json');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const code = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError : error));

it.for([
  ['1 MiB and a byte', 1024 * 1024 + 1],
  ['3 GiB', GIB3],
] as const)('apply refuses a file grown to %s since the preview, with the preview\'s error', async ([, size]) => {
  await writeFile(path, '{}\n');
  const plan = planConfigSwitch(path, '{}\n', [HOST], true);
  await truncate(path, size);
  expect(await code(applyConfigSwitch(plan))).toMatchObject({ code: 'tools.configTooLarge', params: { path } });
});

it('an apply\'s rollback refuses a file grown past 1 MiB since it wrote it, with the preview\'s error', async () => {
  await writeFile(path, '{}\n');
  const plan = planConfigSwitch(path, '{}\n', [HOST], true);
  await applyConfigSwitch(plan);
  await truncate(path, GIB3);
  expect(await code(undoConfigSwitch(plan))).toMatchObject({ code: 'tools.configTooLarge', params: { path } });
});

it('the operator\'s Undo refuses a file grown to 3 GiB since the apply as changed, writing nothing', async () => {
  await writeFile(path, '{}\n');
  const plan = planConfigSwitch(path, '{}\n', [HOST], true);
  const { backup } = await applyConfigSwitch(plan);
  await truncate(path, GIB3);
  const file = { path, backup, beforeSha256: sha256(plan.before!), afterSha256: sha256(plan.after) };
  expect(await code(checkUndo([file]))).toMatchObject({ code: 'tools.undoFileChanged', params: { path } });
  expect((await stat(path)).size).toBe(GIB3);
});

it('a huge file at the launcher\'s place is "different", not read and not taken for missing', async () => {
  const bin = join(folder, '.local', 'bin');
  await mkdir(bin, { recursive: true });
  const launcher = join(bin, 'docker-credential-registry-desk');
  await writeFile(launcher, '');
  await truncate(launcher, GIB3);
  const state = await launcherState({ home: folder, platform: 'linux', shellPath: async () => bin, command: ['/opt/registry-desk/registry-desk', '--credential-helper'] });
  expect(state).toMatchObject({ path: launcher, state: 'different' });
});
