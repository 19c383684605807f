import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Packaging needs Electron's download, so electron-builder cannot run here: its own JSON schema
// and the facts each OS package depends on are checked instead.
const ROOT = resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  extraMetadata: { homepage?: string; author?: { email?: string } };
  linux: { target: string[]; icon: string };
  deb: { depends: string[] };
  mac: { target: { target: string; arch: string[] }[]; hardenedRuntime: boolean; icon: string };
  win: { target: string[]; icon: string };
  electronFuses?: { runAsNode?: boolean };
};
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  productName: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib’s own schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check rejects what electron-builder would reject', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, asarUnpackk: ['x'] })).toBe(false);
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).toBe(false);
  });

  it('keeps the RunAsNode fuse off: the credential helper is the app in helper mode, not Electron as Node', () => {
    expect(config.electronFuses?.runAsNode).toBe(false);
  });

  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/);
    expect(config.productName).toBe(packageJson.productName);
  });

  it('packs the built app, whose entry point is the built main process', () => {
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
    expect(packageJson.main.startsWith('out/')).toBe(true);
  });

  it('keeps keytar’s native module out of the asar archive', () => {
    expect(Object.keys(packageJson.dependencies)).toContain('keytar');
    expect(config.asarUnpack).toContain('node_modules/keytar/**');
  });

  it('has an icon for every OS: a square PNG of at least 512 px in an allowed folder', () => {
    for (const icon of new Set([config.linux.icon, config.mac.icon, config.win.icon])) {
      const file = join(ROOT, icon);
      expect(existsSync(file), icon).toBe(true);
      expect(icon.startsWith('main/') || icon.startsWith('renderer/'), icon).toBe(true);
      const { width, height } = pngSize(file);
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    }
  });

  it('builds an AppImage and a deb that depends on libsecret (keytar’s way to the Secret Service)', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.deb.depends).toContain('libsecret-1-0');
    // Setting depends replaces electron-builder's defaults, so Electron's own libraries must be listed too.
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils']));
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//);
    expect(config.extraMetadata.author?.email).toMatch(/@/);
  });

  it('builds a hardened-runtime dmg for Apple silicon and Intel', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    const dmg = config.mac.target.find((target) => target.target === 'dmg');
    expect(dmg?.arch).toEqual(expect.arrayContaining(['arm64', 'x64']));
  });

  it('builds an NSIS installer for Windows', () => {
    expect(config.win.target).toContain('nsis');
  });

  it('`npm run dist` builds the app first, then packages the current OS without publishing', () => {
    expect(packageJson.scripts.dist).toMatch(/^electron-vite build && electron-builder\b/);
    expect(packageJson.scripts.dist).toContain('--publish never');
    expect(packageJson.scripts.dist).not.toMatch(/--(linux|mac|win)\b/);
  });
});
