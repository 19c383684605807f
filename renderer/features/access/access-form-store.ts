import { create } from 'zustand';
import { checkAccessSettings } from '../../../shared/access-rules';
import { defaultAccessSettings, type AccessSettings } from '../../../shared/access-settings';
import type { AppError, FieldError } from '../../../shared/errors';
import type { RegistryView } from '../../../shared/schemas';
import { callApi } from '../../api/call-api';
import { useRegistriesStore } from '../../data/registries';

/** The access settings of one registry as the operator edits them, before they are saved. */
interface AccessFormState {
  registry: RegistryView | null;
  draft: AccessSettings | null;
  /** What main has stored; the draft differs from it until saved or applied. */
  saved: AccessSettings | null;
  touched: ReadonlySet<string>;
  submitted: boolean;
  serverErrors: FieldError[];
  /** Counts refused submissions so the form can move focus to the first field that needs attention. */
  refusals: number;
  saving: boolean;
  error: AppError | null;
  /** `draft`: settings prefilled by another screen (the pull doctor's fix), kept over what main has stored. */
  open: (registry: RegistryView, draft?: AccessSettings) => Promise<void>;
  close: () => void;
  edit: (change: (draft: AccessSettings) => AccessSettings, fields: string[]) => void;
  touch: (field: string) => void;
  /** The checked settings, or null (and the problems shown) when something needs attention. */
  submit: () => AccessSettings | null;
  save: () => Promise<boolean>;
  markSaved: (settings: AccessSettings) => void;
  /** Main refused the settings (save or preview): field problems go under their fields. */
  refuse: (error: AppError) => void;
  dismissError: () => void;
}

const FRESH = { touched: new Set<string>(), submitted: false, serverErrors: [], saving: false, error: null };

export const useAccessFormStore = create<AccessFormState>()((set, get) => ({
  registry: null,
  draft: null,
  saved: null,
  ...FRESH,
  refusals: 0,
  open: async (registry, draft) => {
    set({ registry, draft: draft ?? registry.access ?? defaultAccessSettings(registry.name, registry.id), saved: registry.access ?? null, ...FRESH, ...(draft ? { touched: new Set(['prefilled']) } : {}) });
    const fresh = await callApi('registries:get', { id: registry.id });
    if (!fresh.ok) return set({ error: fresh.error });
    if (get().registry?.id !== registry.id || get().touched.size > 0) return;
    set({ registry: fresh.value, draft: fresh.value.access ?? defaultAccessSettings(fresh.value.name, fresh.value.id), saved: fresh.value.access ?? null });
  },
  close: () => set({ registry: null, draft: null, saved: null, ...FRESH }),
  edit: (change, fields) =>
    set((state) => ({
      draft: state.draft && change(state.draft),
      touched: new Set([...state.touched, ...fields]),
      serverErrors: state.serverErrors.filter((problem) => !fields.some((field) => problem.field.startsWith(field))),
    })),
  touch: (field) => set((state) => ({ touched: new Set([...state.touched, field]) })),
  submit: () => {
    const draft = get().draft;
    if (!draft) return null;
    const check = checkAccessSettings(draft);
    if (check.ok) {
      set({ submitted: true });
      return check.value;
    }
    set((state) => ({ submitted: true, refusals: state.refusals + 1 }));
    return null;
  },
  save: async () => {
    const registry = get().registry;
    const settings = get().submit();
    if (!registry || !settings) return false;
    set({ saving: true, error: null });
    const result = await callApi('access:save', { registryId: registry.id, settings });
    if (!result.ok) {
      get().refuse(result.error);
      return false;
    }
    set({ saving: false, draft: result.value, saved: result.value, touched: new Set() });
    await useRegistriesStore.getState().load();
    return true;
  },
  markSaved: (settings) => set({ saved: settings }),
  refuse: (error) => {
    const fieldErrors = error.fieldErrors ?? [];
    set((state) => ({
      saving: false,
      serverErrors: fieldErrors,
      error: fieldErrors.length > 0 ? null : error,
      refusals: state.refusals + (fieldErrors.length > 0 ? 1 : 0),
    }));
  },
  dismissError: () => set({ error: null }),
}));
