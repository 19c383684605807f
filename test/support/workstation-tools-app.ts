import { join } from 'node:path';
import type { RegistryRecord } from '../../shared/schemas';
import { createWorkstationTools, UNDO_FILE_NAME, type WorkstationTools } from '../../main/credential-helper';

/** The registry the screen's file tests send to the helper: registry.example.com, saved with a password. */
export const EXAMPLE_REGISTRY: RegistryRecord = {
  id: 'reg_0000000000000001',
  name: 'Example',
  type: 'other',
  url: 'registry.example.com',
  isDefault: false,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  username: 'alice',
  secrets: ['password'],
};

/**
 * One start of the app's "Use in docker, podman, helm" service on a test home: nothing in memory,
 * the undo kept in `dataDir`, no default store and no launcher command on this workstation.
 */
export function startToolsService(
  home: string,
  dataDir: string,
  warn: (message: string, details: Record<string, unknown>) => void = () => undefined,
  registries: readonly RegistryRecord[] = [EXAMPLE_REGISTRY],
): WorkstationTools {
  return createWorkstationTools({
    registries: () => registries,
    workstation: { env: { XDG_CONFIG_HOME: join(home, '.config') }, home, platform: 'linux' },
    launcher: { home, platform: 'linux', shellPath: async () => '', command: null },
    undoFile: join(dataDir, UNDO_FILE_NAME),
    // No default store here: the switch's own writes are what these tests check.
    onPath: async () => false,
    warn,
  });
}
