import type { ConnectionHint, ConnectionStep } from '../../shared/connection-contract';
import type { ErrorCode } from '../../shared/i18n';
import { GOOGLE_JSON_KEY_USERNAME } from '../../shared/registry-types';
import type { LoginSubject } from '../registry-credentials/registry-credentials';
import type { TransportSettings } from '../registry-http/transport';

export interface HintContext {
  subject: LoginSubject;
  transport: TransportSettings;
  /** What the failure found out beyond its code, e.g. that the OS trusts a certificate the app refused. */
  facts?: { osTrustsIssuer?: boolean };
}

/** Only "Other" registries have connection options the operator can change. */
function tlsHint(code: ErrorCode, { subject, transport, facts }: HintContext): ConnectionHint | undefined {
  if (code === 'connection.tlsHostMismatch') return 'hostMismatch';
  if (subject.type !== 'other') return undefined;
  if (code === 'connection.tlsUntrusted' && transport.mode === 'secure-with-ca') return 'untrustedWithCa';
  if (code === 'connection.tlsUntrusted') return facts?.osTrustsIssuer ? 'untrustedOsTrusts' : 'untrustedSecure';
  if (code === 'connection.tlsExpired' || code === 'connection.tlsNotYetValid') return 'expired';
  if (code === 'connection.tlsHandshake') return 'handshake';
  return undefined;
}

function credentialsHint({ subject }: HintContext): ConnectionHint {
  if (subject.type === 'quay' && subject.username?.includes('+')) return 'quayRobot';
  const google = subject.type === 'gcr' || subject.type === 'artifact-registry';
  if (google && subject.username !== GOOGLE_JSON_KEY_USERNAME) return 'googleUsername';
  return 'credentials';
}

function awsHint(code: ErrorCode, { subject }: HintContext): ConnectionHint | undefined {
  const keys = subject.authType === 'user-auth';
  switch (code) {
    case 'aws.unrecognizedKey':
    case 'aws.wrongSecret':
    case 'aws.expiredCredentials':
      return keys ? 'awsKey' : 'awsChain';
    case 'aws.noCredentials':
      return 'awsChain';
    case 'aws.accessDenied':
      return 'awsPolicy';
    case 'aws.regionMismatch':
      return 'awsRegion';
    default:
      return undefined;
  }
}

const BY_CODE: Partial<Record<ErrorCode, ConnectionHint>> = {
  'connection.dnsNotFound': 'dns',
  'connection.refused': 'refused',
  'connection.notRegistry': 'notRegistry',
  'connection.tokenStatus': 'tokenService',
  'connection.tokenMissing': 'tokenService',
  'connection.tokenRefused': 'tokenService',
  'connection.tokenRealmInvalid': 'tokenService',
  'google.keyRejected': 'googleKey',
  'google.keyUnusable': 'googleKey',
  'credentials.missingPassword': 'storedSecret',
  'credentials.missingSecretAccessKey': 'storedSecret',
  'credentials.missingServiceAccountJson': 'storedSecret',
};

/** What the operator can do next, from the failed step, the error and the registry's settings. */
export function hintFor(step: ConnectionStep, code: ErrorCode, context: HintContext): ConnectionHint | undefined {
  if (code === 'connection.timedOut') return step === 'connect' ? 'timeout' : undefined;
  if (step === 'tls') return tlsHint(code, context);
  if (code === 'connection.credentialsRejected' || code === 'connection.tokenRejected') return credentialsHint(context);
  if (step === 'aws') return awsHint(code, context);
  return BY_CODE[code];
}
