import { access, lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { UNDO_FILE_NAME, type WorkstationTools } from '../../main/credential-helper';
import { EXAMPLE_REGISTRY as RECORD, startToolsService } from '../support/workstation-tools-app';

// The switch removes the plain-text login from docker's config.json, but its backup beside it keeps
// the old bytes: the screen counts what the backups still hold, the backups are the owner's only,
// and deleting them (which ends the undo) leaves no plain-text login on the disk.

const b64 = (text: string) => Buffer.from(text).toString('base64');
const SECRET = b64('alice:plain-secret');
const DOCKER_FILE = `{\n\t"auths": {\n\t\t"registry.example.com": {\n\t\t\t"auth": "${SECRET}"\n\t\t},\n\t\t"other.example.com": {\n\t\t\t"identitytoken": "refresh-me"\n\t\t}\n\t}\n}\n`;

let home: string;
let dataDir: string;
let dockerConfig: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'registry-desk-backups-'));
  dataDir = join(home, 'data');
  await mkdir(dataDir);
  await mkdir(join(home, '.docker'));
  dockerConfig = join(home, '.docker', 'config.json');
  // A world-readable config: its backup must still be the owner's only.
  await writeFile(dockerConfig, DOCKER_FILE, { mode: 0o644 });
});
afterEach(() => rm(home, { recursive: true, force: true }));

const startApp = (): WorkstationTools => startToolsService(home, dataDir, () => {});
const exists = (path: string) => access(path).then(() => true, () => false);

it('counts the plain-text logins the backup keeps, writes it 0600, and deleting it leaves none and no undo', async () => {
  const tools = startApp();
  const preview = await tools.preview({ registryIds: [RECORD.id], removePlainText: true });
  const applied = await tools.apply(preview.previewId);
  const docker = applied.files.find((file) => file.path === dockerConfig)!;
  const backup = docker.backup!;
  expect(await readFile(dockerConfig, 'utf8')).not.toContain(SECRET);
  expect(await readFile(backup, 'utf8')).toContain(SECRET);
  // Both logins of the old file: the one the switch removed and the other host's token.
  expect(docker.backupPlainText).toBe(2);
  expect((await stat(backup)).mode & 0o777).toBe(0o600);
  // After a restart the saved undo reads the count back from the disk.
  expect((await startApp().overview()).undo?.files.find((file) => file.path === dockerConfig)?.backupPlainText).toBe(2);

  const restarted = startApp();
  expect((await restarted.deleteBackups()).deleted).toEqual([backup]);
  expect(await exists(backup)).toBe(false);
  expect(await exists(join(dataDir, UNDO_FILE_NAME))).toBe(false);
  expect((await restarted.overview()).undo).toBeNull();
  const refused = await restarted.undo(applied.undoId).then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError.code : error));
  expect(refused).toBe('tools.undoExpired');
});

const OTHER_REGISTRY = { ...RECORD, id: 'reg_0000000000000002', name: 'Other', url: 'other.example.com' };

it('counts the plain-text logins of an earlier apply\'s backup after a later apply replaced its undo, and deletes every backup of the app and nothing else', async () => {
  // Host A's login only: the second apply (host B) backs up a file that holds no password any more.
  await writeFile(dockerConfig, `{\n\t"auths": {\n\t\t"registry.example.com": {\n\t\t\t"auth": "${SECRET}"\n\t\t}\n\t}\n}\n`);
  const tools = startToolsService(home, dataDir, () => {}, [RECORD, OTHER_REGISTRY]);
  const first = await tools.apply((await tools.preview({ registryIds: [RECORD.id], removePlainText: true })).previewId);
  const backup1 = first.files.find((file) => file.path === dockerConfig)!.backup!;
  const second = await tools.apply((await tools.preview({ registryIds: [OTHER_REGISTRY.id], removePlainText: true })).previewId);
  expect(second.files.find((file) => file.path === dockerConfig)!.backupPlainText).toBe(0);
  // Names the app never writes, and a link with the app's name: neither counted nor deleted.
  const foreign = `${dockerConfig}.registry-desk-manual.bak`;
  await writeFile(foreign, `{"auths":{"x.example.com":{"auth":"${SECRET}"}}}`, { mode: 0o600 });
  const link = `${dockerConfig}.registry-desk-2026-01-01T00-00-00-000Z-abcdef.bak`;
  await symlink(backup1, link);

  const overview = await tools.overview();
  expect(overview.plainTextTotal).toBe(0);
  expect(overview.backups.plainText).toBe(1);
  expect(overview.backups.paths).toContain(backup1);
  expect(overview.backups.paths).not.toContain(foreign);
  expect(overview.backups.paths).not.toContain(link);
  expect(overview.backups.holdsUndo).toBe(true);

  const { deleted } = await tools.deleteBackups();
  expect(deleted).toEqual(overview.backups.paths);
  for (const path of deleted) expect(await exists(path)).toBe(false);
  expect(await exists(foreign)).toBe(true);
  expect((await lstat(link)).isSymbolicLink()).toBe(true);
  const after = await startApp().overview();
  expect(after.backups).toEqual({ paths: [], more: false, plainText: 0, holdsUndo: false });
  expect(after.undo).toBeNull();
  const refused = await tools.undo(second.undoId).then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError.code : error));
  expect(refused).toBe('tools.undoExpired');
});

it('says when there are more backups than one read takes, so a password past the 64th is not hidden behind "none", and deletes them a batch at a time', async () => {
  await writeFile(dockerConfig, '{}\n');
  const names = Array.from({ length: 70 }, (_, index) => `${dockerConfig}.registry-desk-2026-01-01T00-00-00-000Z-${index.toString(16).padStart(6, '0')}.bak`);
  // Only the last holds a password: whichever 64 the folder lists first, the screen must not read "nothing left".
  for (const [index, name] of names.entries()) await writeFile(name, index === names.length - 1 ? `{"auths":{"x.example.com":{"auth":"${SECRET}"}}}` : '{}', { mode: 0o600 });
  const tools = startToolsService(home, dataDir, () => {}, [RECORD]);
  const overview = await tools.overview();
  expect(overview.backups.paths).toHaveLength(64);
  expect(overview.backups.more).toBe(true);
  await tools.deleteBackups();
  const rest = await tools.overview();
  expect(rest.backups.more).toBe(false);
  expect(rest.backups.paths).toHaveLength(6);
  // The password was counted in whichever batch held it.
  expect(overview.backups.plainText + rest.backups.plainText).toBe(1);
  await tools.deleteBackups();
  expect((await tools.overview()).backups).toEqual({ paths: [], more: false, plainText: 0, holdsUndo: false });
});
