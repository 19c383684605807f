import { homedir, release } from 'node:os';
import { dirname } from 'node:path';
import type { Diagnostics, DiagnosticsReport } from '../../shared/diagnostics-contract';
import { REGISTRY_TYPES } from '../../shared/registry-types';
import type { KeychainStatus } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { Redactor } from '../logging/redaction';
import type { SettingsRepository } from '../settings/settings-repository';
import { formatReport } from './report';

/** What only the Electron shell knows. Absent in plain Node (tests, the browser harness). */
export interface ShellFacts {
  /** From Electron's app object, which reads package.json. */
  app: { name: string; version: string; packaged: boolean };
  log: { folder: string; file: string } | null;
  /** Electron 44+ writes the clipboard asynchronously (W3C Clipboard API); resolves once written. */
  writeClipboard(text: string): Promise<void>;
}

export interface DiagnosticsDependencies {
  settings: SettingsRepository;
  keychainStatus(): Promise<KeychainStatus>;
  redactor: Redactor;
  clock: { now(): Date };
  shell?: ShellFacts;
}

export function createDiagnostics(deps: DiagnosticsDependencies) {
  async function collect(): Promise<Diagnostics> {
    const registries = deps.settings.read().registries;
    return {
      app: deps.shell?.app ?? { name: 'Registry Desk', version: 'unknown', packaged: false },
      versions: {
        electron: process.versions.electron ?? null,
        chrome: process.versions.chrome ?? null,
        node: process.versions.node,
        v8: process.versions.v8,
      },
      os: { platform: process.platform, release: release(), arch: process.arch },
      locations: {
        dataFolder: dirname(deps.settings.path),
        settingsFile: deps.settings.path,
        logFolder: deps.shell?.log?.folder ?? null,
        logFile: deps.shell?.log?.file ?? null,
      },
      keychain: await deps.keychainStatus(),
      registries: REGISTRY_TYPES.map((type) => ({ type, count: registries.filter((record) => record.type === type).length })).filter(
        (entry) => entry.count > 0,
      ),
    };
  }

  async function report(): Promise<DiagnosticsReport> {
    const text = formatReport(await collect(), deps.clock.now(), homedir());
    return { report: deps.redactor.redact(text) };
  }

  async function copyReport(): Promise<DiagnosticsReport> {
    if (!deps.shell) throw new AppFailure('diagnostics.noClipboard');
    const built = await report();
    try {
      await deps.shell.writeClipboard(built.report);
    } catch (error) {
      throw new AppFailure('diagnostics.clipboardFailed', { detail: (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200) });
    }
    return built;
  }

  return { collect, report, copyReport };
}
