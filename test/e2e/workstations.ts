import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { test, type OpenAppOptions } from './harness';

// The workstations specs open the app on, in the operator's terms: what the kubeconfig reaches or
// what the home holds, and which registries are already saved. Each call sets up its spec file alone
// (its own server, folder and app options, started before its tests and removed after them).

/**
 * A workstation with a home of its own (docker and podman logins, credential helpers first on
 * PATH) that `prepare` fills, and the app opened on it with what `seed` saves.
 */
export function useWorkstationWithHome(options: { prepare?: (station: TestWorkstation) => Promise<void>; seed: NonNullable<OpenAppOptions['seed']> }): void {
  let station: TestWorkstation | undefined;
  const started = (value: TestWorkstation | undefined) => {
    if (!value) throw new Error('the workstation is set up in beforeAll: the app opens after it');
    return value;
  };

  test.beforeAll(async () => {
    station = await createTestWorkstation();
    await options.prepare?.(station);
  });

  test.afterAll(() => station?.close());

  test.use({
    appOptions: {
      // Never undefined: the app would then read this machine's own logins.
      get workstation() {
        return started(station).workstation;
      },
      get pluginPath() {
        return started(station).pluginPath;
      },
      seed: options.seed,
    },
  });
}
