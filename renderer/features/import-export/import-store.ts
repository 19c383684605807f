import { create } from 'zustand';
import type { ConnectionResult } from '../../../shared/connection-contract';
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

type Busy = 'workstation' | 'text' | 'cluster' | 'import' | 'test' | null;

/** "Test now" after an import: one test at a time, so the progress reads "2 of 5". */
export interface AfterImportTests {
  done: number;
  total: number;
  /** Each tested row's verdict, or an error that kept the test from running. */
  results: Record<string, ConnectionResult | AppError>;
  running: string | null;
}

interface ImportState {
  preview: ImportPreview | null;
  picks: Record<string, PickState>;
  results: Record<string, ImportResult>;
  busy: Busy;
  error: AppError | null;
  tests: AfterImportTests | null;
  scanWorkstation: () => Promise<void>;
  scanText: (text: string, label: string) => Promise<void>;
  scanClusterSecret: (context: string, namespace: string, name: string) => Promise<void>;
  changePick: (candidateId: string, change: Partial<PickState>) => void;
  importPicked: () => Promise<void>;
  /** Tests the connection of every registry this preview created or updated, one after another. */
  testImported: () => Promise<void>;
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
    tests: null,
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
      set({ busy: null, results: { ...get().results, ...results }, picks: cleared, tests: null });
      void useRegistriesStore.getState().load();
    },
    async testImported() {
      const imported = Object.values(get().results).filter((result) => result.registry && result.outcome !== 'failed');
      set({ busy: 'test', tests: { done: 0, total: imported.length, results: {}, running: null } });
      for (const result of imported) {
        const candidateId = result.candidateId;
        set((state) => ({ tests: state.tests && { ...state.tests, running: candidateId } }));
        const answer = await callApi('connection:test-registry', { id: result.registry!.id, testId: `import-${candidateId}` });
        const verdict = answer.ok ? answer.value : answer.error;
        set((state) => ({ tests: state.tests && { ...state.tests, done: state.tests.done + 1, results: { ...state.tests.results, [candidateId]: verdict } } }));
      }
      set((state) => ({ busy: null, tests: state.tests && { ...state.tests, running: null } }));
    },
    discard() {
      const preview = get().preview;
      if (preview) void callApi('import:discard', { scanId: preview.scanId });
      set({ preview: null, picks: {}, results: {}, tests: null });
    },
    dismissError: () => set({ error: null }),
  };
});
