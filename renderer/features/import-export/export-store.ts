import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ExternalSecretStore } from '../../../shared/cluster-sync-contract';
import { MANIFEST_FORMAT_EMBEDS_PASSWORD, type ManifestFormat, type SettingsChoice, type SettingsPreview, type SettingsResult } from '../../../shared/import-export-contract';
import { callApi } from '../../api/call-api';
import { useRegistriesStore } from '../../data/registries';

export interface ManifestDraft {
  registryId: string;
  format: ManifestFormat;
  name: string;
  namespace: string;
  externalSecretStore?: ExternalSecretStore;
}

/** One settings-file entry as the operator decides it; a typed secret goes to main once, on import. */
export type ChoiceState = Omit<SettingsChoice, 'index'> & { secret: string };

interface ExportState {
  /** The manifest waiting for the operator to confirm that the file will hold the password. */
  confirming: ManifestDraft | null;
  /** Where the last file was saved. */
  savedPath: string | null;
  settingsPreview: SettingsPreview | null;
  choices: Record<number, ChoiceState>;
  settingsResults: Record<number, SettingsResult>;
  busy: boolean;
  error: AppError | null;
  askToSaveManifest: (draft: ManifestDraft) => void;
  cancelManifest: () => void;
  saveManifest: () => Promise<void>;
  exportSettings: () => Promise<void>;
  previewSettings: (text: string) => Promise<void>;
  changeChoice: (index: number, change: Partial<ChoiceState>) => void;
  importSettings: () => Promise<void>;
  dismissError: () => void;
}

function initialChoice(entry: SettingsPreview['entries'][number]): ChoiceState {
  // Sending a saved secret to a new host, and taking the file's access settings, are each the operator's explicit choice.
  return {
    action: entry.conflict || entry.problems.length > 0 ? 'skip' : 'create',
    useWorkstationLogin: entry.workstationLogin !== undefined,
    secret: '',
    name: entry.name,
    keepSecretForNewTarget: false,
    useFileAccess: false,
  };
}

function choiceRequest(index: number, choice: ChoiceState, kind: SettingsPreview['entries'][number]['needsSecret']): SettingsChoice {
  const { secret, ...rest } = choice;
  return { index, ...rest, ...(kind && !choice.useWorkstationLogin && secret !== '' ? { [kind]: secret } : {}) };
}

export const useExportStore = create<ExportState>()((set, get) => ({
  confirming: null,
  savedPath: null,
  settingsPreview: null,
  choices: {},
  settingsResults: {},
  busy: false,
  error: null,
  askToSaveManifest(draft) {
    set({ confirming: draft, savedPath: null, error: null });
    // Only a file that will hold the password needs the operator's confirmation first.
    if (!MANIFEST_FORMAT_EMBEDS_PASSWORD[draft.format]) void get().saveManifest();
  },
  cancelManifest: () => set({ confirming: null }),
  async saveManifest() {
    const draft = get().confirming;
    if (!draft) return;
    set({ busy: true });
    const result = await callApi('export:secret-manifest', { ...draft, confirmedContainsPassword: MANIFEST_FORMAT_EMBEDS_PASSWORD[draft.format] });
    set({ busy: false, confirming: null, ...(result.ok ? { savedPath: result.value.path ?? null } : { error: result.error }) });
  },
  async exportSettings() {
    set({ busy: true, savedPath: null, error: null });
    const result = await callApi('export:settings', {});
    set({ busy: false, ...(result.ok ? { savedPath: result.value.path ?? null } : { error: result.error }) });
  },
  async previewSettings(text) {
    set({ busy: true, error: null, settingsPreview: null, settingsResults: {} });
    const result = await callApi('settings-import:preview', { text });
    if (!result.ok) return set({ busy: false, error: result.error });
    set({ busy: false, settingsPreview: result.value, choices: Object.fromEntries(result.value.entries.map((entry) => [entry.index, initialChoice(entry)])) });
  },
  changeChoice: (index, change) => set((state) => ({ choices: { ...state.choices, [index]: { ...state.choices[index]!, ...change } } })),
  async importSettings() {
    const { settingsPreview, choices } = get();
    if (!settingsPreview) return;
    const requests = settingsPreview.entries.map((entry) => choiceRequest(entry.index, choices[entry.index]!, entry.needsSecret));
    set({ busy: true, error: null });
    const result = await callApi('settings-import:apply', { previewId: settingsPreview.previewId, choices: requests });
    if (!result.ok) return set({ busy: false, error: result.error });
    const settingsResults = Object.fromEntries(result.value.results.map((entry) => [entry.index, entry]));
    const done = (index: number) => settingsResults[index] !== undefined && ['created', 'updated'].includes(settingsResults[index].outcome);
    const cleared = Object.fromEntries(Object.entries(choices).map(([index, choice]) => [index, done(Number(index)) ? { ...choice, action: 'skip' as const, secret: '' } : choice]));
    set({ busy: false, settingsResults, choices: cleared });
    void useRegistriesStore.getState().load();
  },
  dismissError: () => set({ error: null }),
}));
