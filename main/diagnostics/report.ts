import type { Diagnostics } from '../../shared/diagnostics-contract';

/** The home folder names the user; a report to be shared says `~` instead. */
function withoutHome(path: string | null, home: string): string {
  if (path === null) return 'none';
  if (home.length > 1 && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}\\`))) {
    return `~${path.slice(home.length)}`;
  }
  return path;
}

/** Plain text for a support request: English, one fact per line, no secret and no registry name. */
export function formatReport(diagnostics: Diagnostics, generatedAt: Date, home: string): string {
  const { app, versions, os, locations, keychain, registries } = diagnostics;
  const total = registries.reduce((sum, entry) => sum + entry.count, 0);
  const keychainState = keychain.available ? 'available' : `unavailable (${keychain.error?.code ?? 'unknown'})`;
  return [
    `${app.name} ${app.version} (${app.packaged ? 'installed package' : 'development build'})`,
    `Electron: ${versions.electron ?? 'not running in Electron'}`,
    `Chromium: ${versions.chrome ?? 'n/a'}`,
    `Node.js: ${versions.node}`,
    `V8: ${versions.v8}`,
    `OS: ${os.platform} ${os.release} (${os.arch})`,
    `Data folder: ${withoutHome(locations.dataFolder, home)}`,
    `Settings file: ${withoutHome(locations.settingsFile, home)}`,
    `Log folder: ${withoutHome(locations.logFolder, home)}`,
    `Log file: ${withoutHome(locations.logFile, home)}`,
    `Keychain: ${keychain.backend}, ${keychainState}`,
    `Registries: ${total}${registries.length > 0 ? ` (${registries.map((entry) => `${entry.type} ${entry.count}`).join(', ')})` : ''}`,
    `Generated: ${generatedAt.toISOString()}`,
  ].join('\n');
}
