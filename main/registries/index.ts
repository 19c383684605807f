// The public face of main/registries (the registry list and its form): other folders import only this file.
export { createRegistryCatalogue, type RegistryCatalogue, type RegistryCatalogueDependencies } from './registry-catalogue';
export { draftRegistry, secretKindsUsedBy, type RegistryDraft } from './registry-draft';
export { newRegistryId } from './registry-id';
export { mayUseStoredSecret, type SecretBindingChoice } from './secret-binding';
