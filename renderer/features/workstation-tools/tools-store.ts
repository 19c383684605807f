import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ConnectionResult } from '../../../shared/connection-contract';
import type { DoctorTool, LoginDoctor, ToolsApplied, ToolsOverview, ToolsPreview } from '../../../shared/workstation-tools-contract';
import { callApi } from '../../api/call-api';
import { IDLE, reload, type Resource } from '../../data/resource';

interface ToolsState {
  overview: Resource<ToolsOverview>;
  /** Registries ticked for the switch. */
  picked: string[];
  removePlainText: boolean;
  /** Write credsStore: <default store> into the files that rely on it; unticked until the operator asks. */
  keepDefaultStore: boolean;
  preview: ToolsPreview | null;
  /** The last apply, until undone or replaced: its backups and the undo it offers. */
  applied: ToolsApplied | null;
  restored: string[] | null;
  busy: boolean;
  error: AppError | null;
  load: () => Promise<void>;
  toggle: (registryId: string) => void;
  setRemovePlainText: (remove: boolean) => void;
  /** Ticked or unticked in the preview, which is previewed again with it. */
  setKeepDefaultStore: (keep: boolean) => Promise<void>;
  previewSwitch: () => Promise<void>;
  discardPreview: () => void;
  apply: () => Promise<void>;
  undo: () => Promise<void>;
  /** Deletes every backup the app wrote beside the tools' files (and an undo that needs one), once the operator confirmed. */
  deleteBackups: () => Promise<void>;
  /** The backups deleted, after that. */
  backupsDeleted: string[] | null;
  installHelper: () => Promise<void>;
  /** Puts back the file the install replaced, from its backup. */
  undoLauncher: () => Promise<void>;
  /** Where the replaced file was put back, after that undo. */
  launcherRestored: string | null;
  dismissError: () => void;
  /** The login doctor's last run (helpers are asked, so only on request). */
  doctor: Resource<LoginDoctor>;
  /** Connection tests of one tool's login to one host, keyed by `host tool`. */
  doctorTests: Record<string, { running: true } | { running: false; result: ConnectionResult | null; error: AppError | null }>;
  runDoctor: () => Promise<void>;
  testDoctorLogin: (host: string, tool: DoctorTool) => Promise<void>;
}

export const doctorTestKey = (host: string, tool: DoctorTool) => `${host} ${tool}`;

export const useToolsStore = create<ToolsState>()((set, get) => {
  /** Runs one call with the screen busy; a failure is shown, an answer handed to `then`. */
  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, then: (value: T) => void): Promise<void> {
    set({ busy: true, error: null });
    const result = await call();
    set({ busy: false });
    if (result.ok) then(result.value);
    else set({ error: result.error });
  }
  const load = () => reload((change) => set((state) => ({ overview: change(state.overview) })), () => callApi('tools:overview', {}));
  return {
    overview: IDLE,
    picked: [],
    removePlainText: true,
    keepDefaultStore: false,
    preview: null,
    applied: null,
    restored: null,
    busy: false,
    error: null,
    load,
    toggle: (registryId) =>
      set((state) => ({ preview: null, picked: state.picked.includes(registryId) ? state.picked.filter((id) => id !== registryId) : [...state.picked, registryId] })),
    setRemovePlainText: (remove) => set({ removePlainText: remove, preview: null }),
    setKeepDefaultStore: (keep) => {
      set({ keepDefaultStore: keep });
      return get().previewSwitch();
    },
    previewSwitch: () =>
      run(
        () => callApi('tools:preview', { registryIds: get().picked, removePlainText: get().removePlainText, keepDefaultStore: get().keepDefaultStore }),
        (preview) => set({ preview, restored: null, backupsDeleted: null }),
      ),
    discardPreview: () => set({ preview: null }),
    apply: async () => {
      const preview = get().preview;
      if (!preview) return;
      await run(
        () => callApi('tools:apply', { previewId: preview.previewId }),
        (applied) => set({ applied, preview: null, picked: [], keepDefaultStore: false }),
      );
      await load();
    },
    undo: async () => {
      // This run's apply, else the one the app saved before a restart.
      const applied = get().applied ?? get().overview.data?.undo;
      if (!applied) return;
      await run(
        () => callApi('tools:undo', { undoId: applied.undoId }),
        ({ restored }) => set({ applied: null, restored }),
      );
      await load();
    },
    backupsDeleted: null,
    deleteBackups: async () => {
      await run(
        () => callApi('tools:delete-backups', {}),
        ({ deleted }) => set({ applied: null, backupsDeleted: deleted }),
      );
      await load();
    },
    installHelper: async () => {
      await run(() => callApi('tools:install-helper', {}), () => set({ launcherRestored: null }));
      await load();
    },
    launcherRestored: null,
    undoLauncher: async () => {
      const launcherUndo = get().overview.data?.launcherUndo;
      if (!launcherUndo) return;
      await run(() => callApi('tools:undo-launcher', { undoId: launcherUndo.undoId }), (launcher) => set({ launcherRestored: launcher.path }));
      await load();
    },
    dismissError: () => set({ error: null }),
    doctor: IDLE,
    doctorTests: {},
    runDoctor: async () => {
      set({ doctorTests: {} });
      await reload((change) => set((state) => ({ doctor: change(state.doctor) })), () => callApi('tools:doctor', {}));
    },
    testDoctorLogin: async (host, tool) => {
      const key = doctorTestKey(host, tool);
      set((state) => ({ doctorTests: { ...state.doctorTests, [key]: { running: true } } }));
      const result = await callApi('tools:doctor-test', { host, tool });
      const outcome = result.ok ? { running: false as const, result: result.value, error: null } : { running: false as const, result: null, error: result.error };
      set((state) => ({ doctorTests: { ...state.doctorTests, [key]: outcome } }));
    },
  };
});
