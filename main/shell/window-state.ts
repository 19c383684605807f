import type { Logger } from '../logging/logger';
import type { WindowState } from '../settings/settings-file';
import type { SettingsRepository } from '../settings/settings-repository';

/** The window's last bounds, kept in the settings file; losing them is never worth an error dialog. */
export function createWindowState(settings: SettingsRepository, logger: Logger) {
  return {
    saved(): WindowState | undefined {
      try {
        return settings.read().window;
      } catch {
        return undefined;
      }
    },
    save(state: WindowState): void {
      try {
        settings.update((file) => ({ ...file, window: state }));
      } catch (error) {
        logger.warn('window position not saved', { error: error instanceof Error ? error.name : typeof error });
      }
    },
  };
}
