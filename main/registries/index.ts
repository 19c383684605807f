// The public face of main/registries (the registry list and its form): other folders import only this file.
export { createRegistryCatalogue, type RegistryCatalogue } from './registry-catalogue';
export { draftRegistry, secretKindsUsedBy } from './registry-draft';
export { newRegistryId } from './registry-id';
export { mayUseStoredSecret, type SecretBindingChoice } from './secret-binding';
