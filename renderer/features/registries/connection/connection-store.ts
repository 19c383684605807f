import { create } from 'zustand';
import type { ConnectionResult } from '../../../../shared/connection-contract';
import type { AppError } from '../../../../shared/errors';
import type { EventOf } from '../../../../shared/ipc-contract';
import type { RegistryId, RegistryInput } from '../../../../shared/schemas';
import { callApi } from '../../../api/call-api';

export interface TestAllProgress {
  testId: string;
  done: number;
  total: number;
  running: boolean;
  passed: number;
  failed: number;
}

interface FormTest {
  testId: string | null;
  result: ConnectionResult | null;
  error: AppError | null;
}

interface ConnectionState {
  /** The last result of each saved registry. */
  results: Record<RegistryId, ConnectionResult>;
  /** Registries whose own test runs now, with the test's id. */
  runningRows: Record<RegistryId, string>;
  form: FormTest;
  all: TestAllProgress | null;
  error: AppError | null;
  loadLast: () => Promise<void>;
  testRegistry: (id: RegistryId) => Promise<void>;
  testAll: () => Promise<void>;
  /** `choice`: the form's confirmation that a re-pointed registry may use its saved secret. */
  testForm: (input: RegistryInput, id: RegistryId | undefined, choice?: { keepSecretForNewTarget?: true }) => Promise<AppError | null>;
  cancel: (testId: string) => Promise<void>;
  resetForm: () => void;
  dismissError: () => void;
}

/** The window picks test ids so it can cancel a test while main still runs it. */
function newTestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const NO_FORM_TEST: FormTest = { testId: null, result: null, error: null };

/** Tests in flight by id; aborting one cancels it in main. */
const inFlight = new Map<string, AbortController>();

async function testCall<T>(testId: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  inFlight.set(testId, controller);
  try {
    return await call(controller.signal);
  } finally {
    inFlight.delete(testId);
  }
}

export const useConnectionStore = create<ConnectionState>()((set, get) => {
  const remember = (result: ConnectionResult) => {
    if (!result.registryId) return;
    const id = result.registryId;
    set((state) => ({ results: { ...state.results, [id]: result } }));
  };

  const onProgress = ({ testId, done, total, result }: EventOf<'event:connection-progress'>) => {
    if (get().all?.testId !== testId) return;
    remember(result);
    set((state) => ({
      all: state.all && {
        ...state.all,
        done,
        total,
        passed: state.all.passed + (result.ok ? 1 : 0),
        failed: state.all.failed + (result.ok ? 0 : 1),
      },
    }));
  };

  return {
    results: {},
    runningRows: {},
    form: NO_FORM_TEST,
    all: null,
    error: null,
    loadLast: async () => {
      const answer = await callApi('connection:last-results', {});
      if (!answer.ok) return set({ error: answer.error });
      set({ results: Object.fromEntries(answer.value.map((result) => [result.registryId!, result])) });
    },
    testRegistry: async (id) => {
      const testId = newTestId();
      set((state) => ({ runningRows: { ...state.runningRows, [id]: testId }, error: null }));
      const answer = await testCall(testId, (signal) => callApi('connection:test-registry', { id, testId }, { signal }));
      set((state) => ({ runningRows: Object.fromEntries(Object.entries(state.runningRows).filter(([row]) => row !== id)) }));
      if (answer.ok) remember(answer.value);
      else set({ error: answer.error });
    },
    testAll: async () => {
      const testId = newTestId();
      set({ all: { testId, done: 0, total: 0, running: true, passed: 0, failed: 0 }, error: null });
      const stop = window.api.on('event:connection-progress', onProgress);
      const answer = await testCall(testId, (signal) => callApi('connection:test-all', { testId }, { signal }));
      stop();
      if (!answer.ok) return set({ all: null, error: answer.error });
      for (const result of answer.value) remember(result);
      const passed = answer.value.filter((result) => result.ok).length;
      set({ all: { testId, done: answer.value.length, total: answer.value.length, running: false, passed, failed: answer.value.length - passed } });
    },
    testForm: async (input, id, choice = {}) => {
      const testId = newTestId();
      set({ form: { testId, result: null, error: null } });
      const answer = await testCall(testId, (signal) => callApi('connection:test-draft', { input, testId, ...(id ? { id } : {}), ...choice }, { signal }));
      if (get().form.testId !== testId) return null;
      set({ form: answer.ok ? { testId: null, result: answer.value, error: null } : { testId: null, result: null, error: answer.error } });
      return answer.ok ? null : answer.error;
    },
    cancel: async (testId) => {
      inFlight.get(testId)?.abort();
    },
    resetForm: () => {
      const running = get().form.testId;
      if (running) inFlight.get(running)?.abort();
      set({ form: NO_FORM_TEST });
    },
    dismissError: () => set({ error: null }),
  };
});
