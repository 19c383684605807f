import { create } from 'zustand';
import type { AccessSettings, ClusterSyncChoice } from '../../../../shared/access-settings';
import type { ContextEngines, ExportFile, SavedExport, SyncApplyResult, SyncPlan, SyncStatus } from '../../../../shared/cluster-sync-contract';
import type { AppError } from '../../../../shared/errors';
import type { RegistryId } from '../../../../shared/schemas';
import { callApi } from '../../../api/call-api';

type Busy = 'detect' | 'preview' | 'apply' | 'status' | 'export' | null;

interface ClusterSyncState {
  registryId: RegistryId | null;
  /** Per context: "Keep in sync in the cluster" as being edited; absent = the app writes the secrets. */
  choices: Record<string, ClusterSyncChoice>;
  engines: ContextEngines[];
  plan: SyncPlan | null;
  result: SyncApplyResult | null;
  status: SyncStatus | null;
  files: ExportFile[] | null;
  /** The last save; with `replace`, it waits for the operator's answer about files already in the folder. */
  saved: SavedExport | null;
  busy: Busy;
  error: AppError | null;
  open(registryId: RegistryId, settings: AccessSettings | undefined): void;
  choose(context: string, choice: ClusterSyncChoice | null): void;
  detect(): Promise<void>;
  preview(settings: AccessSettings): Promise<void>;
  previewCleanup(): Promise<void>;
  apply(options: { confirmRemovals: boolean; takeOver: boolean }): Promise<void>;
  checkStatus(): Promise<void>;
  exportFiles(): Promise<void>;
  saveExport(): Promise<void>;
  /** The operator's answer to replacing the files already in the folder. */
  replaceExport(replace: boolean): Promise<void>;
  dismiss(): void;
}

const NO_REPORT = { plan: null, result: null, status: null, files: null, saved: null } as const;

export const useClusterSyncStore = create<ClusterSyncState>()((set, get) => {
  /** One call at a time; its failure becomes the banner, its value the state. */
  async function run<T>(busy: Busy, call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, done: (value: T) => Partial<ClusterSyncState>): Promise<void> {
    set({ busy, error: null });
    const outcome = await call();
    set(outcome.ok ? { busy: null, ...done(outcome.value) } : { busy: null, error: outcome.error });
  }
  const registryId = (): RegistryId => get().registryId!;
  return {
    registryId: null,
    choices: {},
    engines: [],
    plan: null,
    result: null,
    status: null,
    files: null,
    saved: null,
    busy: null,
    error: null,
    open(id, settings) {
      if (get().registryId === id) return;
      set({ registryId: id, choices: { ...(settings?.clusterSync ?? {}) }, plan: null, result: null, status: null, files: null, saved: null, error: null });
    },
    choose(context, choice) {
      // A computed key defines the context's own entry, even for a context named `__proto__`.
      const { [context]: _replaced, ...others } = get().choices;
      set({ choices: choice ? { ...others, [context]: choice } : others, plan: null });
    },
    detect: () => run('detect', () => callApi('cluster-sync:detect', {}), (engines) => ({ engines })),
    // One report shows at a time: each answer replaces the panel before it rather than stacking below it.
    preview: (settings) => run('preview', () => callApi('cluster-sync:preview', { registryId: registryId(), settings }), (plan) => ({ ...NO_REPORT, plan })),
    previewCleanup: () => run('preview', () => callApi('cluster-sync:preview-cleanup', { registryId: registryId() }), (plan) => ({ ...NO_REPORT, plan })),
    // The status that follows an apply takes the result's place; the result rides along as the
    // status's headline (and its failures), so the page still holds one report.
    async apply({ confirmRemovals, takeOver }) {
      await run('apply', () => callApi('cluster-sync:apply', { operationId: crypto.randomUUID(), planId: get().plan!.planId, confirmRemovals, takeOver }), (result) => ({ ...NO_REPORT, result }));
      const applied = get().result;
      if (applied) await run('status', () => callApi('cluster-sync:status', { registryId: registryId() }), (status) => ({ ...NO_REPORT, result: applied, status }));
    },
    checkStatus: () => run('status', () => callApi('cluster-sync:status', { registryId: registryId() }), (status) => ({ ...NO_REPORT, status })),
    exportFiles: () => run('export', () => callApi('cluster-sync:export', { registryId: registryId() }), (files) => ({ ...NO_REPORT, files })),
    saveExport: () => run('export', () => callApi('cluster-sync:save-export', { registryId: registryId() }), (saved) => ({ saved })),
    async replaceExport(replace) {
      const waiting = get().saved?.replace;
      if (!waiting) return;
      if (!replace) return set({ saved: null });
      await run('export', () => callApi('cluster-sync:save-export', { registryId: registryId(), replaceId: waiting.replaceId }), (saved) => ({ saved }));
    },
    dismiss: () => set({ error: null }),
  };
});
