import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helperCommandFor, launcherState } from '../../main/credential-helper/helper-launcher';

// Under an AppImage process.execPath is inside /tmp/.mount_*, which is gone once the app exits: a launcher
// written with it would fail in every tool. These cases pin which executable the launcher runs.

let folder: string;
let appImage: string;
const execPath = '/tmp/.mount_RegistXYZ/registry-desk';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'helper-launcher-'));
  appImage = join(folder, 'Registry Desk-1.0.0.AppImage');
  await writeFile(appImage, 'not really an AppImage');
  await chmod(appImage, 0o755);
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const packaged = (appImageVariable: string | undefined) =>
  helperCommandFor({ packaged: true, execPath, appImage: appImageVariable, appPath: '/opt/app.asar' });

describe('the command the helper launcher runs', () => {
  it('runs the .AppImage file itself when APPIMAGE names it', () => {
    expect(packaged(appImage)).toEqual([appImage, '--credential-helper']);
  });

  it('runs the app binary when APPIMAGE is not set or empty', () => {
    expect(packaged(undefined)).toEqual([execPath, '--credential-helper']);
    expect(packaged('')).toEqual([execPath, '--credential-helper']);
  });

  it('ignores an APPIMAGE that is relative, missing or a folder', async () => {
    const subfolder = join(folder, 'a-folder');
    await mkdir(subfolder);
    for (const garbage of ['Registry Desk-1.0.0.AppImage', join(folder, 'gone.AppImage'), subfolder, '/dev/null\n; rm -rf ~']) {
      expect(packaged(garbage), garbage).toEqual([execPath, '--credential-helper']);
    }
  });

  it('runs the checkout bin script in development, whatever APPIMAGE says', () => {
    expect(helperCommandFor({ packaged: false, execPath, appImage, appPath: '/src/registry-desk' })).toEqual([
      '/src/registry-desk/bin/docker-credential-registry-desk',
      ]);
  });

  it('writes the AppImage path, not the temporary mount, into the launcher script', async () => {
    const state = await launcherState({ home: folder, platform: 'linux', shellPath: async () => '/usr/bin', command: packaged(appImage) });
    expect(state.script).toContain(`exec '${appImage}' '--credential-helper' "$@"`);
    expect(state.script).not.toContain('.mount_');
  });
});
