// The public face of main/registry-import (Import logins): other folders import only this file.
export { createRegistryImport } from './registry-import';
export { createCredentialHelpers, type CredentialHelpers } from './credential-helper';
export { dockerConfigPath, podmanAuthPaths, thisWorkstation, type Workstation } from './workstation';
export { classifyLogin, loginIdentity } from './classify-login';
export type { FoundLogin } from './found-login';
export type { ScannedLogins } from './workstation-logins';
export { storeLogin, type LoginToStore, type StoreOutcome } from './stored-login';
export { dockerAuthKey } from './docker-choice';
export { decodeAuth } from './auth-file';
