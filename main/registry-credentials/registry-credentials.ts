import type { ErrorCode } from '../../shared/i18n';
import { GOOGLE_JSON_KEY_USERNAME, type SecretKind } from '../../shared/registry-types';
import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';
import type { RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { AwsAccessKey } from './ecr-token-source';

/** The non-secret facts a login needs: a saved record, or the fields of a form being tested. */
export type LoginSubject = Pick<RegistryRecord, 'type' | 'url' | 'username' | 'authType' | 'accessKeyId'>;

/** Reads one secret of the registry: from the keychain, or from what the form just sent. */
export type SecretLookup = (kind: SecretKind) => Promise<string | null>;

/** The credentials of one registry before any network call: ECR still needs AWS to mint a password. */
export type RegistryCredentials =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'google-key'; username: string; serviceAccountJson: string }
  | { kind: 'ecr'; region: string; accountId: string; accessKey?: AwsAccessKey };

const MISSING = {
  password: 'credentials.missingPassword',
  secretAccessKey: 'credentials.missingSecretAccessKey',
  serviceAccountJson: 'credentials.missingServiceAccountJson',
} as const satisfies Record<SecretKind, ErrorCode>;

async function required(secretOf: SecretLookup, kind: SecretKind): Promise<string> {
  const secret = await secretOf(kind);
  if (!secret) throw new AppFailure(MISSING[kind]);
  return secret;
}

function ecrCredentials(subject: LoginSubject, accessKey?: AwsAccessKey): RegistryCredentials {
  const parsed = parseRegistryUrl(subject.url);
  const address = typeof parsed === 'string' ? null : parseEcrHost(parsed);
  if (!address) throw new AppFailure('credentials.notEcrUrl', { url: subject.url });
  return { kind: 'ecr', region: address.region, accountId: address.accountId, ...(accessKey ? { accessKey } : {}) };
}

export async function credentialsFor(subject: LoginSubject, secretOf: SecretLookup): Promise<RegistryCredentials> {
  switch (subject.type) {
    case 'ecr': {
      if (subject.authType !== 'user-auth') return ecrCredentials(subject);
      if (!subject.accessKeyId) throw new AppFailure('credentials.missingAccessKeyId');
      return ecrCredentials(subject, {
        accessKeyId: subject.accessKeyId,
        secretAccessKey: await required(secretOf, 'secretAccessKey'),
      });
    }
    case 'gcr':
    case 'artifact-registry':
      return {
        kind: 'google-key',
        username: subject.username || GOOGLE_JSON_KEY_USERNAME,
        serviceAccountJson: await required(secretOf, 'serviceAccountJson'),
      };
    default:
      return { kind: 'password', username: subject.username ?? '', password: await required(secretOf, 'password') };
  }
}
