import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { Diagnosis, FindResult } from '../../../shared/pull-doctor-contract';
import { callApi } from '../../api/call-api';
import type { RequestFor } from '../../data/navigation';

/** What the operator asks: where to look (and, from a registry's status, for which registry). */
export interface FindScope {
  contexts: string[];
  namespaces: string[];
  registryId?: string;
}

export interface CheckForm {
  context: string;
  namespace: string;
  image: string;
  serviceAccount: string;
  pullSecrets: string;
}

interface PullDoctorState {
  scope: FindScope;
  namespacesText: string;
  finding: boolean;
  result: FindResult | null;
  findError: AppError | null;
  check: CheckForm;
  checkTouched: boolean;
  checking: boolean;
  checked: Diagnosis | null;
  checkError: AppError | null;
  setContexts: (contexts: string[]) => void;
  setNamespacesText: (text: string) => void;
  clearRegistry: () => void;
  find: () => Promise<void>;
  /** Stops the search in main (its cluster and registry requests); what it found so far is not shown. */
  stopFind: () => void;
  editCheck: (change: Partial<CheckForm>) => void;
  runCheck: () => Promise<void>;
  dismissErrors: () => void;
}

/** Namespaces as typed: commas or spaces between them. */
export const namespacesOf = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter((name) => name !== ''))];
const namesOf = namespacesOf;

/** The search in flight; aborting it cancels it in main (`ipc:cancel`). */
let searching: AbortController | null = null;

export const usePullDoctorStore = create<PullDoctorState>()((set, get) => ({
  scope: { contexts: [], namespaces: [] },
  namespacesText: '',
  finding: false,
  result: null,
  findError: null,
  check: { context: '', namespace: 'default', image: '', serviceAccount: 'default', pullSecrets: '' },
  checkTouched: false,
  checking: false,
  checked: null,
  checkError: null,
  setContexts: (contexts) => set((state) => ({ scope: { ...state.scope, contexts } })),
  setNamespacesText: (text) => set((state) => ({ namespacesText: text, scope: { ...state.scope, namespaces: namespacesOf(text) } })),
  clearRegistry: () => set((state) => ({ scope: { contexts: state.scope.contexts, namespaces: state.scope.namespaces } })),
  find: async () => {
    const { scope } = get();
    if (scope.contexts.length === 0 || get().finding) return;
    set({ finding: true, findError: null });
    const search = new AbortController();
    searching = search;
    const result = await callApi('pull-doctor:find', scope.registryId ? scope : { contexts: scope.contexts, namespaces: scope.namespaces }, { signal: search.signal });
    if (searching === search) searching = null;
    // Stopped by the operator: nothing failed, so no banner says so.
    if (search.signal.aborted) return set({ finding: false });
    set(result.ok ? { finding: false, result: result.value } : { finding: false, findError: result.error });
  },
  stopFind: () => searching?.abort(),
  editCheck: (change) => set((state) => ({ check: { ...state.check, ...change } })),
  runCheck: async () => {
    const { check } = get();
    set({ checkTouched: true });
    if (!check.context || !check.namespace.trim() || !check.image.trim() || get().checking) return;
    set({ checking: true, checkError: null, checked: null });
    const pullSecrets = namesOf(check.pullSecrets);
    const result = await callApi('pull-doctor:check-image', {
      context: check.context,
      namespace: check.namespace.trim(),
      image: check.image.trim(),
      ...(check.serviceAccount.trim() ? { serviceAccount: check.serviceAccount.trim() } : {}),
      ...(pullSecrets.length > 0 ? { pullSecrets } : {}),
    });
    set(result.ok ? { checking: false, checked: result.value } : { checking: false, checkError: result.error });
  },
  dismissErrors: () => set({ findError: null, checkError: null }),
}));

/** A navigation request with a scope (from the Clusters screen, a registry's status): the doctor looks there at once. */
export function arriveAtPullDoctor({ registryId, prefill }: RequestFor<'pull-doctor'>): void {
  if (!prefill) return;
  const scope: FindScope = { ...prefill, ...(registryId ? { registryId } : {}) };
  usePullDoctorStore.setState({ scope, namespacesText: scope.namespaces.join(', '), result: null, findError: null });
  if (scope.contexts.length > 0) void usePullDoctorStore.getState().find();
}
