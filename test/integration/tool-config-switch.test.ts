import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfigSwitch, planConfigSwitch, undoConfigSwitch } from '../../main/credential-helper';
import { AppFailure } from '../../main/app-errors/app-failure';

// Switching a docker-format config to the helper, on real files: the preview, the write, the
// backup and the undo, with the file's own fields and formatting kept.

const b64 = (text: string) => Buffer.from(text).toString('base64');
let folder: string;
let path: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-config-switch-'));
  path = join(folder, 'config.json');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** docker's own formatting: tabs, a trailing newline, fields Registry Desk does not know. */
const DOCKER_FILE = `{
\t"auths": {
\t\t"registry.example.com": {
\t\t\t"auth": "${b64('alice:plain-secret')}"
\t\t},
\t\t"https://index.docker.io/v1/": {
\t\t\t"auth": "${b64('bob:hub-secret')}"
\t\t},
\t\t"other.example:5000": {
\t\t\t"auth": "${b64('carol:other-secret')}"
\t\t}
\t},
\t"credsStore": "desktop",
\t"currentContext": "colima",
\t"plugins": {
\t\t"-x-cli-hints": {
\t\t\t"enabled": "true"
\t\t}
\t}
}
`;

const failureCode = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppFailure ? error.appError.code : String(error)));

describe('the preview', () => {
  it('adds credHelpers per host, keeps unknown fields, credsStore, tabs and the trailing newline', () => {
    const plan = planConfigSwitch(path, DOCKER_FILE, ['registry.example.com', 'docker.io'], false);
    const after = JSON.parse(plan.after) as Record<string, unknown>;
    expect(after.credHelpers).toEqual({ 'registry.example.com': 'registry-desk', 'https://index.docker.io/v1/': 'registry-desk' });
    expect(after.credsStore).toBe('desktop');
    expect(after.plugins).toEqual({ '-x-cli-hints': { enabled: 'true' } });
    expect(plan.after).toContain('\n\t"currentContext": "colima",\n');
    expect(plan.after.endsWith('}\n')).toBe(true);
    expect(plan).toMatchObject({ switched: ['registry.example.com', 'https://index.docker.io/v1/'], removedPlainText: [], plainTextLeft: 3 });
  });

  it('removes the switched hosts\' plain-text passwords when asked, and counts those left', () => {
    const plan = planConfigSwitch(path, DOCKER_FILE, ['registry.example.com', 'index.docker.io'], true);
    expect(plan.removedPlainText).toEqual(['registry.example.com', 'https://index.docker.io/v1/']);
    expect(plan.plainTextLeft).toBe(1);
    expect(plan.after).not.toContain(b64('alice:plain-secret'));
    expect(plan.after).not.toContain(b64('bob:hub-secret'));
    expect(plan.after).toContain(b64('carol:other-secret'));
  });

  it('keeps four-space indentation and a missing trailing newline; creates a new file with two spaces', () => {
    const spaced = JSON.stringify({ auths: {} }, null, 4);
    expect(planConfigSwitch(path, spaced, ['r.example'], false).after).toBe(JSON.stringify({ auths: {}, credHelpers: { 'r.example': 'registry-desk' } }, null, 4));
    expect(planConfigSwitch(path, null, ['r.example'], false).after).toBe('{\n  "credHelpers": {\n    "r.example": "registry-desk"\n  }\n}\n');
  });

  it('refuses a file that is not JSON or not docker-shaped', () => {
    expect(() => planConfigSwitch(path, '{"auths":', ['r.example'], false)).toThrow(/not valid JSON/);
    expect(() => planConfigSwitch(path, '{"credHelpers":[]}', ['r.example'], false)).toThrow(/docker-format/);
  });
});

describe('apply and undo', () => {
  it('backs up the old bytes, writes atomically with the file\'s mode, and undo restores them exactly', async () => {
    await writeFile(path, DOCKER_FILE, { mode: 0o640 });
    const plan = planConfigSwitch(path, await readFile(path, 'utf8'), ['registry.example.com'], true);
    const { backup } = await applyConfigSwitch(plan);
    expect(await readFile(path, 'utf8')).toBe(plan.after);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readFile(backup!, 'utf8')).toBe(DOCKER_FILE);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await undoConfigSwitch(plan);
    expect(await readFile(path, 'utf8')).toBe(DOCKER_FILE);
  });

  it('creates an absent file, and undo removes it again', async () => {
    const plan = planConfigSwitch(join(folder, 'containers', 'auth.json'), null, ['r.example'], false);
    expect(await applyConfigSwitch(plan)).toEqual({ backup: null });
    expect(JSON.parse(await readFile(plan.path, 'utf8'))).toEqual({ credHelpers: { 'r.example': 'registry-desk' } });
    await undoConfigSwitch(plan);
    expect(await readdir(join(folder, 'containers'))).toEqual([]);
  });

  it('refuses when the file changed between preview and apply, and leaves it', async () => {
    await writeFile(path, DOCKER_FILE);
    const plan = planConfigSwitch(path, DOCKER_FILE, ['registry.example.com'], true);
    await writeFile(path, `${DOCKER_FILE} `);
    expect(await failureCode(applyConfigSwitch(plan))).toBe('tools.configChanged');
    expect(await readFile(path, 'utf8')).toBe(`${DOCKER_FILE} `);
  });

  it('refuses undo once something else changed the file after the apply', async () => {
    await writeFile(path, DOCKER_FILE);
    const plan = planConfigSwitch(path, DOCKER_FILE, ['registry.example.com'], false);
    await applyConfigSwitch(plan);
    await writeFile(path, '{"auths":{}}\n');
    expect(await failureCode(undoConfigSwitch(plan))).toBe('tools.configChanged');
    expect(await readFile(path, 'utf8')).toBe('{"auths":{}}\n');
  });

  it('leaves a read-only file as it is', async () => {
    await writeFile(path, DOCKER_FILE);
    await chmod(path, 0o444);
    const plan = planConfigSwitch(path, DOCKER_FILE, ['registry.example.com'], true);
    expect(await failureCode(applyConfigSwitch(plan))).toBe('tools.configReadOnly');
    expect(await readFile(path, 'utf8')).toBe(DOCKER_FILE);
    expect(await readdir(folder)).toEqual(['config.json']);
  });
});
