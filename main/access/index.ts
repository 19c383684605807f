// The public face of main/access (Manage access on screen): other folders import only this file.
export { createAccess, type Access } from './manage-access';
export type { CredentialSource } from './access-plans';
export { systemTimers, type Timers } from '../logging/timers';
export { addAccountReference } from './account-reference';
