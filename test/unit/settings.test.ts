import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { SETTINGS_SCHEMA_VERSION, SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { migrateSettings } from '../../main/settings/settings-migrations';
import { createSettingsRepository } from '../../main/settings/settings-repository';

const silent = { info() {}, warn() {}, error() {} };

function storeIn(dir: string) {
  return new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: dir, projectName: 'registry-desk-test' });
}

describe('settings file', () => {
  it('runs each migration in order and stamps the version', () => {
    const outcome = migrateSettings({ schemaVersion: 1, registries: [{ id: 'a' }] }, {
      1: (previous) => ({ ...previous, upgradedTo2: true }),
      2: (previous) => ({ ...previous, upgradedTo3: true }),
    }, 3);
    expect(outcome).toEqual({ kind: 'migrated', from: 1, settings: { schemaVersion: 3, registries: [{ id: 'a' }], upgradedTo2: true, upgradedTo3: true } });
  });

  it('reports a file from a newer app instead of downgrading it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 99, registries: [] }));
    const repository = createSettingsRepository(storeIn(dir), silent);
    expect(() => repository.read()).toThrow(AppFailure);
    expect(() => repository.read()).toThrow(/newer Registry Desk \(format 99\)/);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ schemaVersion: 99, registries: [] });
  });

  it('refuses a file it cannot read and leaves it untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-settings-'));
    writeFileSync(join(dir, 'settings.json'), '{"schemaVersion":1,');
    expect(() => storeIn(dir)).toThrow();
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"schemaVersion":1,');
  });

  it('refuses a record that does not match the schema, naming where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, registries: [{ id: 'bogus' }], preferences: { language: null } }));
    const repository = createSettingsRepository(storeIn(dir), silent);
    expect(() => repository.read()).toThrow(/settings\.json cannot be read: registries\.0\.id/);
  });

  it('drops a damaged cosmetic entry on the next write and keeps everything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-settings-'));
    const kept = { schemaVersion: SETTINGS_SCHEMA_VERSION, registries: [], preferences: { language: 'en' } };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...kept, window: { width: -1 }, connectionResults: { r: 'bad' } }));
    const repository = createSettingsRepository(storeIn(dir), silent);
    expect(repository.read()).toEqual({ ...kept, window: undefined, connectionResults: undefined });
    repository.update((file) => ({ ...file, preferences: { language: 'zh-CN' } }));
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ ...kept, preferences: { language: 'zh-CN' } });
  });

  it('upgrades a version 1 file (before in-cluster sync) to version 2 on reading, its content unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-settings-'));
    const version1 = { schemaVersion: 1, registries: [], preferences: { language: 'zh-CN' } };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(version1));
    expect(createSettingsRepository(storeIn(dir), silent).read()).toEqual({ ...version1, schemaVersion: 2 });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ ...version1, schemaVersion: 2 });
  });

  it('starts empty and writes the current version on the first change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-settings-'));
    const repository = createSettingsRepository(storeIn(dir), silent);
    expect(repository.read().registries).toEqual([]);
    repository.update((file) => ({ ...file, preferences: { language: 'zh-CN' } }));
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION, registries: [], preferences: { language: 'zh-CN' } });
  });
});
