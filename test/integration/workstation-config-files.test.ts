import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginDoctor } from '../../main/credential-helper/login-doctor';
import { applyConfigSwitch, planConfigSwitch, undoConfigSwitch } from '../../main/credential-helper/tool-config-switch';
import { EXAMPLE_REGISTRY as RECORD, startToolsService } from '../support/workstation-tools-app';

// The tools' files as operators really keep them: docker's config.json a symlink into a dotfiles
// repository (stow, chezmoi, home-manager), and `identitytoken` entries (what `docker login`
// leaves for an OAuth login, e.g. Azure) counted as the plain-text secrets they are.

const b64 = (text: string) => Buffer.from(text).toString('base64');
const DOCKER_FILE = `{\n\t"auths": {\n\t\t"registry.example.com": {\n\t\t\t"auth": "${b64('alice:plain-secret')}"\n\t\t}\n\t},\n\t"currentContext": "colima"\n}\n`;

let home: string;
let dockerConfig: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'registry-desk-config-files-'));
  await mkdir(join(home, '.docker'));
  await mkdir(join(home, 'data'));
  dockerConfig = join(home, '.docker', 'config.json');
});
afterEach(() => rm(home, { recursive: true, force: true }));

const startApp = () => startToolsService(home, join(home, 'data'));

describe('a docker config.json that is a symlink (a dotfile manager\'s)', () => {
  let dotfiles: string;
  let target: string;

  beforeEach(async () => {
    dotfiles = join(home, 'dotfiles', 'docker');
    await mkdir(dotfiles, { recursive: true });
    target = join(dotfiles, 'config.json');
    await writeFile(target, DOCKER_FILE, { mode: 0o600 });
    await symlink(target, dockerConfig);
  });

  const stillALink = async () => {
    expect((await lstat(dockerConfig)).isSymbolicLink()).toBe(true);
    expect(await readlink(dockerConfig)).toBe(target);
  };

  it('is written through to the link\'s target, atomically in the target\'s folder, and the link stays', async () => {
    const tools = startApp();
    const preview = await tools.preview({ registryIds: [RECORD.id], removePlainText: true });
    const applied = await tools.apply(preview.previewId);
    await stillALink();
    const written = JSON.parse(await readFile(target, 'utf8')) as { credHelpers: Record<string, string> };
    expect(written.credHelpers).toEqual({ 'registry.example.com': 'registry-desk' });
    expect(await readFile(target, 'utf8')).not.toContain(b64('alice:plain-secret'));
    expect((await lstat(target)).mode & 0o777).toBe(0o600);
    // No temporary file left in either folder; the backup is beside the path the operator knows.
    expect((await readdir(dotfiles)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const backup = applied.files.find((file) => file.path === dockerConfig)!.backup!;
    expect(backup.startsWith(`${dockerConfig}.registry-desk-`)).toBe(true);
    expect(await readFile(backup, 'utf8')).toBe(DOCKER_FILE);
  });

  it('undo, also after a restart, puts the target\'s bytes back and keeps the link', async () => {
    const first = startApp();
    const applied = await first.apply((await first.preview({ registryIds: [RECORD.id], removePlainText: true })).previewId);
    expect(await readFile(target, 'utf8')).not.toBe(DOCKER_FILE);
    await startApp().undo(applied.undoId);
    expect(await readFile(target, 'utf8')).toBe(DOCKER_FILE);
    await stillALink();
  });

  it('the writer\'s own undo (an apply rolled back) writes through too', async () => {
    const plan = planConfigSwitch(dockerConfig, DOCKER_FILE, ['registry.example.com'], true);
    await applyConfigSwitch(plan);
    await stillALink();
    expect(await readFile(target, 'utf8')).toBe(plan.after);
    await undoConfigSwitch(plan);
    await stillALink();
    expect(await readFile(target, 'utf8')).toBe(DOCKER_FILE);
  });

  it('a link to a file that does not exist yet creates the target, and undo removes the target, not the link', async () => {
    await rm(target);
    const plan = planConfigSwitch(dockerConfig, null, ['registry.example.com'], true);
    await applyConfigSwitch(plan);
    await stillALink();
    expect(await readFile(target, 'utf8')).toBe(plan.after);
    await undoConfigSwitch(plan);
    await stillALink();
    await expect(lstat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('identitytoken entries (a login as good as a password)', () => {
  const TOKEN_FILE = JSON.stringify({
    auths: {
      'registry.example.com': { identitytoken: 'refresh-token-alice' },
      'other.example:5000': { identitytoken: 'refresh-token-bob' },
      'empty.example': { identitytoken: '' },
    },
  });

  it('are counted among the plain-text secrets on disk, and removed with the switched host\'s password', async () => {
    await writeFile(dockerConfig, TOKEN_FILE);
    const tools = startApp();
    const overview = await tools.overview();
    expect(overview.files.find((file) => file.path === dockerConfig)?.plainText).toBe(2);
    expect(overview.plainTextTotal).toBe(2);
    expect(overview.registries[0]).toMatchObject({ key: 'registry.example.com', plainTextIn: [dockerConfig] });

    const preview = await tools.preview({ registryIds: [RECORD.id], removePlainText: true });
    const change = preview.changes.find((file) => file.path === dockerConfig)!;
    expect(change.removedPlainText).toEqual(['registry.example.com']);
    expect(change.plainTextLeft).toBe(1);
    expect(preview.plainTextLeft).toBe(1);
    await tools.apply(preview.previewId);
    const after = await readFile(dockerConfig, 'utf8');
    expect(after).not.toContain('refresh-token-alice');
    expect(after).toContain('refresh-token-bob');
    expect((await tools.overview()).plainTextTotal).toBe(1);
  });

  it('are flagged by the login doctor as a plain-text secret on disk', async () => {
    await writeFile(dockerConfig, TOKEN_FILE);
    const doctor = createLoginDoctor({
      workstation: { env: { HOME: home }, home, platform: 'linux' },
      uid: 1000,
      registries: () => [],
      askHelper: async () => ({ kind: 'none' }),
      onPath: async () => false,
      readsAuthFileAlone: async () => true,
      registryLogin: async () => null,
      now: () => new Date('2026-12-01T00:00:00Z'),
    });
    const hosts = (await doctor.doctor()).hosts;
    const row = (host: string) => hosts.find((candidate) => candidate.host === host)!;
    expect(row('registry.example.com')).toMatchObject({ flags: ['plainText'], plainTextIn: [dockerConfig] });
    expect(row('other.example:5000').flags).toContain('plainText');
    expect(row('empty.example').flags).not.toContain('plainText');
  });
});
