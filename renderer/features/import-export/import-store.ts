import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ImportCandidate, ImportPick, ImportPreview, ImportResult } from '../../../shared/import-export-contract';
import { callApi } from '../../api/call-api';
import { useRegistriesStore } from '../../data/registries';

/** What the operator chose for one row; secrets typed here (ECR keys, a Google key) go to main once, on import. */
export interface PickState {
  picked: boolean;
  name: string;
  test: boolean;
  ecrAuth: 'iam-role' | 'user-auth';
  accessKeyId: string;
  secretAccessKey: string;
  serviceAccountJson: string;
  /** The separate, deliberate choice a login docker does not use needs before it can be picked. */
  importUnused: boolean;
}

type Busy = 'workstation' | 'text' | 'cluster' | 'import' | null;

interface ImportState {
  preview: ImportPreview | null;
  picks: Record<string, PickState>;
  results: Record<string, ImportResult>;
  busy: Busy;
  error: AppError | null;
  scanWorkstation: () => Promise<void>;
  scanText: (text: string, label: string) => Promise<void>;
  scanClusterSecret: (context: string, namespace: string, name: string) => Promise<void>;
  changePick: (candidateId: string, change: Partial<PickState>) => void;
  importPicked: () => Promise<void>;
  /** Main forgets the preview's secrets when the screen is left. */
  discard: () => void;
  dismissError: () => void;
}

/** New logins are picked; updates, logins that need a key and logins docker does not use wait for the operator. */
export function initialPick(candidate: ImportCandidate): PickState {
  return {
    picked: candidate.action === 'create' && candidate.notice !== 'googleAccessToken' && !candidate.unusedByDocker,
    name: candidate.proposedName,
    test: false,
    ecrAuth: 'iam-role',
    accessKeyId: '',
    secretAccessKey: '',
    serviceAccountJson: '',
    importUnused: false,
  };
}

function pickRequest(candidate: ImportCandidate, state: PickState): ImportPick {
  return {
    candidateId: candidate.candidateId,
    test: state.test,
    ...(candidate.action === 'create' ? { name: state.name } : {}),
    ...(candidate.type === 'ecr'
      ? { ecr: state.ecrAuth === 'user-auth' ? { authType: 'user-auth', accessKeyId: state.accessKeyId, secretAccessKey: state.secretAccessKey } : { authType: 'iam-role' } }
      : {}),
    ...(candidate.notice === 'googleAccessToken' ? { serviceAccountJson: state.serviceAccountJson } : {}),
    ...(candidate.unusedByDocker && state.importUnused ? { importUnused: true } : {}),
  } as ImportPick;
}

export const useImportStore = create<ImportState>()((set, get) => {
  async function scan(busy: Busy, request: () => ReturnType<typeof callApi<'import:scan-workstation'>>) {
    get().discard();
    set({ busy, error: null, results: {} });
    const result = await request();
    if (!result.ok) return set({ busy: null, error: result.error });
    const picks = Object.fromEntries(result.value.candidates.map((candidate) => [candidate.candidateId, initialPick(candidate)]));
    set({ busy: null, preview: result.value, picks });
  }

  return {
    preview: null,
    picks: {},
    results: {},
    busy: null,
    error: null,
    scanWorkstation: () => scan('workstation', () => callApi('import:scan-workstation', {})),
    scanText: (text, label) => scan('text', () => callApi('import:scan-text', { text, label })),
    scanClusterSecret: (context, namespace, name) => scan('cluster', () => callApi('import:scan-cluster-secret', { context, namespace, name })),
    changePick: (candidateId, change) => set((state) => ({ picks: { ...state.picks, [candidateId]: { ...state.picks[candidateId]!, ...change } } })),
    async importPicked() {
      const { preview, picks } = get();
      if (!preview) return;
      const chosen = preview.candidates.filter((candidate) => picks[candidate.candidateId]?.picked);
      if (chosen.length === 0) return;
      set({ busy: 'import', error: null });
      const result = await callApi('import:apply', { scanId: preview.scanId, picks: chosen.map((candidate) => pickRequest(candidate, picks[candidate.candidateId]!)) });
      if (!result.ok) return set({ busy: null, error: result.error });
      const results = Object.fromEntries(result.value.results.map((entry) => [entry.candidateId, entry]));
      // What was imported cannot be picked again; typed secrets are dropped with the pick.
      const done = (id: string) => results[id] !== undefined && results[id].outcome !== 'failed';
      const cleared = Object.fromEntries(Object.entries(picks).map(([id, pick]) => [id, done(id) ? { ...pick, picked: false, secretAccessKey: '', serviceAccountJson: '' } : pick]));
      set({ busy: null, results: { ...get().results, ...results }, picks: cleared });
      void useRegistriesStore.getState().load();
    },
    discard() {
      const preview = get().preview;
      if (preview) void callApi('import:discard', { scanId: preview.scanId });
      set({ preview: null, picks: {}, results: {} });
    },
    dismissError: () => set({ error: null }),
  };
});
