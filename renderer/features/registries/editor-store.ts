import { create } from 'zustand';
import type { AppError, FieldError } from '../../../shared/errors';
import { checkRegistryInput, NO_STORED_SECRETS } from '../../../shared/registry-rules';
import type { FieldKey } from '../../../shared/registry-catalogue';
import type { RegistryType } from '../../../shared/registry-types';
import type { CertificateSummary, RegistryView, StoredSecrets } from '../../../shared/schemas';
import { callApi } from '../../api/call-api';
import { draftFromView, newDraft, switchType, toRegistryInput, type RegistryDraft } from './draft';
import { reboundSecret } from './rebound-secret';
import { selectRegistries, useRegistriesStore } from '../../data/registries';

export type EditorMode = { kind: 'closed' } | { kind: 'add' } | { kind: 'edit'; registry: RegistryView };

export interface CertificateCheck {
  summaries: CertificateSummary[];
  error: AppError | null;
  checking: boolean;
}

type DraftBasics = Partial<Pick<RegistryDraft, 'name' | 'url' | 'isDefault'>>;

interface EditorState {
  mode: EditorMode;
  draft: RegistryDraft;
  /** Fields the operator has typed in or left; their problems show while typing. */
  touched: ReadonlySet<string>;
  submitted: boolean;
  serverErrors: FieldError[];
  error: AppError | null;
  saving: boolean;
  /** Counts refused saves so the form can move focus to the first field that needs attention. */
  failedSaves: number;
  certificateCheck: CertificateCheck;
  /** The host the operator ticked "send the saved secret to <host>" for; it counts only while the edit points there. */
  keepSecretFor: string | null;
  /** "Upload the registry's CA" was pressed: the CA field opens its file picker once it is shown. */
  caFileWanted: boolean;
  openAdd: () => void;
  openEdit: (registry: RegistryView) => Promise<void>;
  close: () => void;
  chooseType: (type: RegistryType) => void;
  change: (basics: DraftBasics) => void;
  changeValue: (key: FieldKey, value: string) => void;
  touch: (field: string) => void;
  inspectCertificate: (pem: string) => Promise<void>;
  confirmSecretForNewTarget: (host: string | null) => void;
  uploadCa: () => void;
  caFilePickerOpened: () => void;
  save: () => Promise<void>;
}

const NO_CERTIFICATES: CertificateCheck = { summaries: [], error: null, checking: false };
const FRESH_FORM = { touched: new Set<string>(), submitted: false, serverErrors: [], error: null, saving: false, keepSecretFor: null, caFileWanted: false };

export function storedSecretsOf(mode: EditorMode): StoredSecrets {
  return mode.kind === 'edit' ? mode.registry.storedSecrets : NO_STORED_SECRETS;
}

/** What a save or a form test says about the stored secret: the confirmation counts only while the edit re-points it. */
export function secretBindingChoice(state: Pick<EditorState, 'mode' | 'draft' | 'keepSecretFor'>): { keepSecretForNewTarget?: true } {
  const saved = state.mode.kind === 'edit' ? state.mode.registry : null;
  const rebound = reboundSecret(saved, state.draft);
  return rebound && rebound.host === state.keepSecretFor ? { keepSecretForNewTarget: true } : {};
}

// Answers to older inspections are dropped: only the certificate now in the form counts.
let latestInspection = 0;

export const useEditorStore = create<EditorState>()((set, get) => {
  const edited = (fields: string[]) => (state: EditorState) => ({
    touched: new Set([...state.touched, ...fields]),
    serverErrors: state.serverErrors.filter((problem) => !fields.includes(problem.field)),
  });

  return {
    mode: { kind: 'closed' },
    draft: newDraft('docker', false),
    ...FRESH_FORM,
    failedSaves: 0,
    certificateCheck: NO_CERTIFICATES,
    openAdd: () => {
      // The first registry becomes the default anyway; say so up front.
      const isFirst = selectRegistries(useRegistriesStore.getState()).length === 0;
      set({ mode: { kind: 'add' }, draft: newDraft('ecr', isFirst), ...FRESH_FORM, certificateCheck: NO_CERTIFICATES });
    },
    openEdit: async (registry) => {
      const result = await callApi('registries:get', { id: registry.id });
      if (!result.ok) {
        useRegistriesStore.getState().showError(result.error);
        await useRegistriesStore.getState().load();
        return;
      }
      const fresh = result.value;
      set({
        mode: { kind: 'edit', registry: fresh },
        draft: draftFromView(fresh),
        ...FRESH_FORM,
        certificateCheck: { ...NO_CERTIFICATES, summaries: fresh.certificates ?? [] },
      });
    },
    close: () => set({ mode: { kind: 'closed' }, ...FRESH_FORM }),
    chooseType: (type) =>
      set((state) => ({ draft: switchType(state.draft, type), ...edited(['type'])(state) })),
    change: (basics) =>
      set((state) => ({ draft: { ...state.draft, ...basics }, ...edited(Object.keys(basics))(state) })),
    changeValue: (key, value) =>
      set((state) => ({
        draft: { ...state.draft, values: { ...state.draft.values, [key]: value } },
        ...edited([key])(state),
      })),
    confirmSecretForNewTarget: (host) => set({ keepSecretFor: host }),
    uploadCa: () =>
      set((state) => ({
        draft: { ...state.draft, values: { ...state.draft.values, connection: 'secure-with-ca' } },
        ...edited(['connection'])(state),
        caFileWanted: true,
      })),
    caFilePickerOpened: () => set({ caFileWanted: false }),
    touch: (field) => set((state) => ({ touched: new Set([...state.touched, field]) })),
    inspectCertificate: async (pem) => {
      const inspection = ++latestInspection;
      if (pem.trim() === '') {
        set({ certificateCheck: NO_CERTIFICATES });
        return;
      }
      set((state) => ({ certificateCheck: { ...state.certificateCheck, checking: true } }));
      const result = await callApi('certificates:inspect', { pem });
      if (inspection !== latestInspection) return;
      set({
        certificateCheck: result.ok
          ? { summaries: result.value, error: null, checking: false }
          : { summaries: [], error: result.error, checking: false },
      });
    },
    save: async () => {
      const { draft, mode } = get();
      const input = toRegistryInput(draft);
      const failed = (state: EditorState) => ({ submitted: true, saving: false, failedSaves: state.failedSaves + 1 });
      if (!checkRegistryInput(input, storedSecretsOf(mode)).ok) {
        set((state) => ({ ...failed(state), serverErrors: [], error: null }));
        return;
      }
      set({ submitted: true, saving: true, error: null });
      const result =
        mode.kind === 'edit'
          ? await callApi('registries:update', { id: mode.registry.id, input, ...secretBindingChoice(get()) })
          : await callApi('registries:create', { input });
      if (!result.ok) {
        const fieldErrors = result.error.fieldErrors ?? [];
        const error = fieldErrors.length > 0 ? null : result.error;
        set((state) => ({ ...failed(state), serverErrors: fieldErrors, error }));
        return;
      }
      set({ mode: { kind: 'closed' }, ...FRESH_FORM });
      await useRegistriesStore.getState().load();
    },
  };
});
