import {
  registryTypeSpec,
  type FieldKey,
  type FieldSpec,
  type RegistryTypeSpec,
} from '../../../shared/registry-catalogue';
import type { RegistryType } from '../../../shared/registry-types';
import type { RegistryInput, RegistryView } from '../../../shared/schemas';

/** What the editor holds while the operator types: every field as text, whatever the type. */
export interface RegistryDraft {
  type: RegistryType;
  name: string;
  url: string;
  isDefault: boolean;
  values: Record<FieldKey, string>;
}

const BLANK_VALUES: Record<FieldKey, string> = {
  authType: '',
  accessKeyId: '',
  secretAccessKey: '',
  username: '',
  password: '',
  serviceAccountJson: '',
  connection: '',
  caCertificate: '',
};

function defaultValues(spec: RegistryTypeSpec): Record<FieldKey, string> {
  const values = { ...BLANK_VALUES };
  for (const field of spec.fields) values[field.key] = field.defaultValue ?? '';
  return values;
}

export function newDraft(type: RegistryType, isDefault: boolean): RegistryDraft {
  const spec = registryTypeSpec(type);
  return { type, name: '', url: spec.defaultUrl, isDefault, values: defaultValues(spec) };
}

/** Secrets are never sent back by main, so they start blank: blank on save keeps the stored one. */
export function draftFromView(view: RegistryView): RegistryDraft {
  const values = defaultValues(registryTypeSpec(view.type));
  if (view.username !== undefined) values.username = view.username;
  if (view.authType !== undefined) values.authType = view.authType;
  if (view.accessKeyId !== undefined) values.accessKeyId = view.accessKeyId;
  if (view.connection !== undefined) values.connection = view.connection;
  if (view.caCertificate !== undefined) values.caCertificate = view.caCertificate;
  return { type: view.type, name: view.name, url: view.url, isDefault: view.isDefault, values };
}

/** Keeps what the operator typed; values that were only the old type's defaults follow the new type. */
export function switchType(draft: RegistryDraft, type: RegistryType): RegistryDraft {
  const before = registryTypeSpec(draft.type);
  const after = registryTypeSpec(type);
  const previousDefaults = defaultValues(before);
  const nextDefaults = defaultValues(after);
  const values = { ...draft.values };
  for (const key of Object.keys(values) as FieldKey[]) {
    if (values[key] === '' || values[key] === previousDefaults[key]) values[key] = nextDefaults[key];
  }
  const url = draft.url.trim() === '' || draft.url === before.defaultUrl ? after.defaultUrl : draft.url;
  return { ...draft, type, url, values };
}

export function isFieldShown(field: FieldSpec, values: Record<FieldKey, string>): boolean {
  return !field.when || values[field.when.field] === field.when.is;
}

export function shownFields(draft: RegistryDraft): FieldSpec[] {
  return registryTypeSpec(draft.type).fields.filter((field) => isFieldShown(field, draft.values));
}

/** Blank optional text (a secret to keep, no CA certificate) is left out rather than sent empty. */
function isOmittedWhenBlank(field: FieldSpec): boolean {
  return field.secret !== undefined || field.control === 'ca-certificate';
}

/**
 * The catalogue lists, per type, exactly the keys RegistryInputSchema allows for that type,
 * so sending the shown fields yields a strict object main accepts.
 */
export function toRegistryInput(draft: RegistryDraft): RegistryInput {
  const fields: Partial<Record<FieldKey, string>> = {};
  for (const field of shownFields(draft)) {
    const value = draft.values[field.key];
    if (isOmittedWhenBlank(field) && value.trim() === '') continue;
    fields[field.key] = value;
  }
  return { type: draft.type, name: draft.name, url: draft.url, isDefault: draft.isDefault, ...fields } as RegistryInput;
}

/** Whether a registry of this type can be given its own CA certificate (the "Upload the registry's CA" offer needs the field). */
export function takesCaCertificate(type: RegistryType): boolean {
  return registryTypeSpec(type).fields.some((field) => field.key === 'caCertificate');
}
