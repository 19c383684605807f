import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorText } from '../../shared/i18n';
import { AppFailure } from '../../main/app-errors/app-failure';
import { UNDO_FILE_NAME, type WorkstationTools } from '../../main/credential-helper';
import { withFileSizeLimit } from '../support/file-size-limit';
import { EXAMPLE_REGISTRY as RECORD, startToolsService } from '../support/workstation-tools-app';

// Undo of "Use in docker, podman, helm" across a restart of the app: one instance of the service
// applies, a second one on the same data folder (the app started again, nothing in memory) offers
// and performs the undo from the saved record, and refuses it, writing nothing, when a file was
// edited since the apply, its backup is gone, or the saved record is corrupt or names other files.

const b64 = (text: string) => Buffer.from(text).toString('base64');
const DOCKER_FILE = `{\n\t"auths": {\n\t\t"registry.example.com": {\n\t\t\t"auth": "${b64('alice:plain-secret')}"\n\t\t}\n\t},\n\t"currentContext": "colima"\n}\n`;

let home: string;
let dataDir: string;
let dockerConfig: string;
let authJson: string;
let helmConfig: string;
let warnings: { message: string; details: Record<string, unknown> }[];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'registry-desk-undo-'));
  dataDir = join(home, 'data');
  await mkdir(dataDir);
  await mkdir(join(home, '.docker'));
  dockerConfig = join(home, '.docker', 'config.json');
  authJson = join(home, '.config', 'containers', 'auth.json');
  helmConfig = join(home, '.config', 'helm', 'registry', 'config.json');
  await writeFile(dockerConfig, DOCKER_FILE, { mode: 0o600 });
  warnings = [];
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** One start of the app: a new service with nothing in memory, on the same home and data folder. */
const startApp = (): WorkstationTools => startToolsService(home, dataDir, (message, details) => warnings.push({ message, details }));

async function applySwitch(tools: WorkstationTools) {
  const preview = await tools.preview({ registryIds: [RECORD.id], removePlainText: true });
  return tools.apply(preview.previewId);
}

const exists = (path: string) => access(path).then(() => true, () => false);
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError : error));
const snapshot = async () => ({ docker: await readFile(dockerConfig, 'utf8'), auth: await readFile(authJson, 'utf8'), helm: await readFile(helmConfig, 'utf8') });

it('offers the undo after a restart and puts every file back byte for byte', async () => {
  const applied = await applySwitch(startApp());
  expect(applied.files.map((file) => file.path)).toEqual([dockerConfig, authJson, helmConfig]);
  expect(await readFile(dockerConfig, 'utf8')).not.toContain(b64('alice:plain-secret'));

  const restarted = startApp();
  const overview = await restarted.overview();
  expect(overview.undo).toEqual({ undoId: applied.undoId, files: applied.files });
  expect(overview.undoProblem).toBeNull();
  // The record holds paths and hashes only, never a config's content.
  expect(await readFile(join(dataDir, UNDO_FILE_NAME), 'utf8')).not.toContain(b64('alice:plain-secret'));

  expect((await restarted.undo(applied.undoId)).restored).toEqual([helmConfig, authJson, dockerConfig]);
  expect(await readFile(dockerConfig, 'utf8')).toBe(DOCKER_FILE);
  expect(await exists(authJson)).toBe(false);
  expect(await exists(helmConfig)).toBe(false);
  expect(await exists(join(dataDir, UNDO_FILE_NAME))).toBe(false);
  expect((await startApp().overview()).undo).toBeNull();
  expect(warnings).toEqual([]);
});

it('refuses the undo after a restart when a file was edited since the apply, and changes nothing', async () => {
  const applied = await applySwitch(startApp());
  const edited = (await readFile(dockerConfig, 'utf8')).replace('"currentContext": "colima"', '"currentContext": "default"');
  await writeFile(dockerConfig, edited);
  const before = await snapshot();

  const restarted = startApp();
  const refused = await failure(restarted.undo(applied.undoId));
  expect(refused).toMatchObject({ code: 'tools.undoFileChanged', params: { path: dockerConfig } });
  expect(errorText('zh-CN', 'tools.undoFileChanged', { path: dockerConfig })).toContain(dockerConfig);
  // Checked before anything is written: the files the apply created are still there too.
  expect(await snapshot()).toEqual(before);
  expect((await readdir(join(home, '.docker'))).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
  // Still offered: put the file back as the apply left it and the same undo works.
  expect((await restarted.overview()).undo?.undoId).toBe(applied.undoId);
});

it('refuses when the backup is gone, and writes nothing', async () => {
  const applied = await applySwitch(startApp());
  const before = await snapshot();
  await rm(applied.files[0]!.backup!);
  expect(await failure(startApp().undo(applied.undoId))).toMatchObject({ code: 'tools.undoBackupChanged', params: { path: dockerConfig } });
  expect(await snapshot()).toEqual(before);
});

it('ignores a corrupt saved undo with its reason, and a hostile one naming another file, without touching either', async () => {
  const recordFile = join(dataDir, UNDO_FILE_NAME);
  await writeFile(recordFile, '{"version":1,"undoId":');
  const corrupt = await startApp().overview();
  expect(corrupt.undo).toBeNull();
  expect(corrupt.undoProblem).toMatchObject({ code: 'tools.undoRecordIgnored', params: { path: recordFile, detail: 'not JSON' } });
  expect(await failure(startApp().undo('0'.repeat(32)))).toMatchObject({ code: 'tools.undoExpired' });

  // Well-formed, but pointed at a file the switch never writes, "restoring" it from another.
  const victim = join(home, 'victim.txt');
  await writeFile(victim, 'keep me');
  const { createHash } = await import('node:crypto');
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const undoId = 'a'.repeat(32);
  await writeFile(recordFile, JSON.stringify({ version: 1, undoId, appliedAt: '2026-12-06T00:00:00.000Z', files: [{ path: victim, backup: `${dockerConfig}`, beforeSha256: hash(DOCKER_FILE), afterSha256: hash('keep me') }] }));
  const hostile = startApp();
  expect((await hostile.overview()).undoProblem).toMatchObject({ code: 'tools.undoRecordIgnored', params: { detail: 'names a file that is not a tool config or its backup' } });
  expect(await failure(hostile.undo(undoId))).toMatchObject({ code: 'tools.undoExpired' });
  expect(await readFile(victim, 'utf8')).toBe('keep me');

  await writeFile(recordFile, JSON.stringify({ version: 1, undoId, files: 'all' }));
  expect((await startApp().overview()).undoProblem).toMatchObject({ params: { detail: 'not an undo record' } });
  expect(warnings.map((warning) => warning.message)).toContain('saved undo ignored');

  // A new apply replaces the ignored record, and its undo works after a restart.
  const applied = await applySwitch(startApp());
  expect((await startApp().undo(applied.undoId)).restored).toContain(dockerConfig);
  expect(await readFile(dockerConfig, 'utf8')).toBe(DOCKER_FILE);
});

it('a write the kernel stops part-way (a real file-size limit) leaves every file byte for byte: the docker config already switched is put back', async () => {
  // auth.json, the largest file here: its backup (its own size) fits under the limit, its switched bytes do not.
  const mirrors = Object.fromEntries(Array.from({ length: 120 }, (_, index) => [`mirror-${index}.example.com`, { auth: b64(`ci:${index}`) }]));
  const AUTH_FILE = `${JSON.stringify({ auths: mirrors }, null, 2)}\n`;
  await mkdir(dirname(authJson), { recursive: true });
  await writeFile(authJson, AUTH_FILE, { mode: 0o600 });
  const tools = startApp();
  const preview = await tools.preview({ registryIds: [RECORD.id], removePlainText: true });
  // In this order: docker's file is written whole before auth.json's write fails.
  expect(preview.changes.map((change) => change.path)).toEqual([dockerConfig, authJson, helmConfig]);

  const refused = await withFileSizeLimit(Buffer.byteLength(AUTH_FILE) + 16, () => failure(tools.apply(preview.previewId)));
  expect(refused).toMatchObject({ code: 'EFBIG' });
  expect(await readFile(dockerConfig, 'utf8')).toBe(DOCKER_FILE);
  expect(await readFile(authJson, 'utf8')).toBe(AUTH_FILE);
  expect(await exists(helmConfig)).toBe(false);
  for (const folder of [dirname(dockerConfig), dirname(authJson)]) expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  // Nothing to undo: no record saved, none offered.
  expect(await exists(join(dataDir, UNDO_FILE_NAME))).toBe(false);
  expect((await tools.overview()).undo).toBeNull();
});
