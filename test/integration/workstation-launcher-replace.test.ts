import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { createWorkstationTools, UNDO_FILE_NAME, type WorkstationTools } from '../../main/credential-helper';

// "Replace it with the helper": a docker-credential-registry-desk Registry Desk did not write (an
// older build's binary, the operator's own script, a link into another install) is copied beside
// itself before the launcher goes over it, the screen names that copy, and Undo puts it back.

let home: string;
let bin: string;
let launcher: string;
let tools: WorkstationTools;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'registry-desk-launcher-'));
  bin = join(home, '.local', 'bin');
  await mkdir(bin, { recursive: true });
  launcher = join(bin, 'docker-credential-registry-desk');
  tools = createWorkstationTools({
    registries: () => [],
    workstation: { env: {}, home, platform: 'linux' },
    launcher: { home, platform: 'linux', shellPath: async () => bin, command: ['/opt/Registry Desk/registry-desk', '--credential-helper'] },
    undoFile: join(home, UNDO_FILE_NAME),
    onPath: async () => false,
    warn: () => undefined,
  });
});
afterEach(() => rm(home, { recursive: true, force: true }));

const failureCode = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError.code : String(error)));
const backups = async () => (await readdir(bin)).filter((name) => name.endsWith('.bak'));

describe('a file of another program at the launcher\'s path', () => {
  // Not text: a helper binary's bytes must come back exactly, not through a UTF-8 round trip.
  const foreign = Buffer.concat([Buffer.from('\x7fELF'), randomBytes(4096), Buffer.from([0xff, 0xfe, 0x00])]);

  beforeEach(async () => {
    await writeFile(launcher, foreign);
    await chmod(launcher, 0o755);
  });

  it('is copied beside it before the launcher replaces it, and the overview names the copy', async () => {
    expect((await tools.overview()).launcher.state).toBe('different');
    expect((await tools.overview()).launcherUndo).toBeNull();
    expect((await tools.installHelper()).state).toBe('current');
    const overview = await tools.overview();
    const backup = overview.launcherUndo!.backup;
    expect(backup).toMatch(/\/docker-credential-registry-desk\.registry-desk-[0-9TZ-]+-[a-f0-9]{6}\.bak$/);
    expect(await backups()).toHaveLength(1);
    expect((await readFile(backup)).equals(foreign)).toBe(true);
    // A copy to put back, not a second helper to run.
    expect((await stat(backup)).mode & 0o777).toBe(0o600);
    expect(await readFile(launcher, 'utf8')).toContain("exec '/opt/Registry Desk/registry-desk' '--credential-helper' \"$@\"");
    expect((await readdir(bin)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('Undo puts the exact bytes and mode back, keeps the copy, and is offered no more', async () => {
    await tools.installHelper();
    const { launcherUndo } = await tools.overview();
    expect((await tools.undoLauncher(launcherUndo!.undoId)).state).toBe('different');
    expect((await readFile(launcher)).equals(foreign)).toBe(true);
    expect((await stat(launcher)).mode & 0o777).toBe(0o755);
    expect(await backups()).toHaveLength(1);
    expect((await tools.overview()).launcherUndo).toBeNull();
    expect(await failureCode(tools.undoLauncher(launcherUndo!.undoId))).toBe('tools.undoExpired');
  });

  it('Undo is refused, writing nothing, when the launcher was changed since', async () => {
    await tools.installHelper();
    const { launcherUndo } = await tools.overview();
    await writeFile(launcher, '#!/bin/sh\necho edited\n');
    expect(await failureCode(tools.undoLauncher(launcherUndo!.undoId))).toBe('tools.launcherUndoChanged');
    expect(await readFile(launcher, 'utf8')).toBe('#!/bin/sh\necho edited\n');
  });

  it('Undo is refused, writing nothing, when the copy is gone or different', async () => {
    await tools.installHelper();
    const { launcherUndo } = await tools.overview();
    const written = await readFile(launcher, 'utf8');
    await writeFile(launcherUndo!.backup, 'not the old file');
    expect(await failureCode(tools.undoLauncher(launcherUndo!.undoId))).toBe('tools.launcherBackupChanged');
    await rm(launcherUndo!.backup);
    expect(await failureCode(tools.undoLauncher(launcherUndo!.undoId))).toBe('tools.launcherBackupChanged');
    expect(await readFile(launcher, 'utf8')).toBe(written);
  });
});

it('a symlink there is kept as a symlink: its target is not touched, and Undo puts the link back', async () => {
  const elsewhere = join(home, 'other-install', 'docker-credential-registry-desk');
  await mkdir(join(home, 'other-install'));
  await writeFile(elsewhere, '#!/bin/sh\necho other install\n', { mode: 0o755 });
  await symlink(elsewhere, launcher);
  await tools.installHelper();
  const { launcherUndo } = await tools.overview();
  expect(await readlink(launcherUndo!.backup)).toBe(elsewhere);
  expect((await lstat(launcher)).isSymbolicLink()).toBe(false);
  expect(await readFile(elsewhere, 'utf8')).toBe('#!/bin/sh\necho other install\n');
  await tools.undoLauncher(launcherUndo!.undoId);
  expect(await readlink(launcher)).toBe(elsewhere);
  expect((await readdir(bin)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});

it('a first install backs nothing up and offers no undo', async () => {
  expect((await tools.installHelper()).state).toBe('current');
  expect((await tools.overview()).launcherUndo).toBeNull();
  expect(await backups()).toEqual([]);
});

it('a folder at the launcher\'s path is left alone', async () => {
  await mkdir(launcher);
  expect(await failureCode(tools.installHelper())).toBe('tools.launcherNotAFile');
  expect((await lstat(launcher)).isDirectory()).toBe(true);
});
