import { randomBytes } from 'node:crypto';
import type { RegistryId } from '../../shared/schemas';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Stable for the registry's whole life: keychain accounts and cluster annotations use it. */
export function newRegistryId(): RegistryId {
  const bytes = randomBytes(16);
  return `reg_${[...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}
