import type { Finding, RegistryAttempt } from '../../shared/pull-doctor-contract';
import type { ExpiryVerdict } from './expiry';
import type { KeyringMatch } from '../pull-secrets/kubelet-keyring';

/** What the pod's pull secrets amount to, before the registry is asked. */
export interface SecretFacts {
  /** The names kubelet uses, in order. */
  listed: string[];
  missing: string[];
  forbidden: string[];
  ignored: { secret: string; type: string }[];
  unparsable: { secret: string; detail: string } | null;
  /** Every `auths` key of the usable secrets, as written. */
  keys: string[];
  /** The pods list none, but their ServiceAccount lists these now (added after the pods were created). */
  accountLater: { serviceAccount: string; secrets: string[]; wouldMatch: boolean } | null;
}

export interface VerdictFacts {
  image: string;
  invalidReason: string | null;
  /** The registry host (`myacr.azurecr.io`) and the repository and reference asked for. */
  registry: string;
  repository: string;
  reference: string;
  waitingReasons: ReadonlySet<string>;
  secrets: SecretFacts;
  matches: KeyringMatch[];
  attempts: RegistryAttempt[];
  platform: { platforms: string[]; nodes: string[]; fits: boolean | null } | null;
  expiry: ExpiryVerdict;
}

const fail = (code: string, params: Finding['params'] = {}): Finding => ({ code: `doctor.verdict.${code}`, params, tone: 'fail' });
const list = (names: string[]): string => names.join(', ');

/** When nothing matched, kubelet pulled anonymously: which of the pod's secrets explains it. */
function secretsVerdict(facts: VerdictFacts): Finding {
  const { secrets, registry } = facts;
  if (secrets.listed.length === 0 && secrets.accountLater?.wouldMatch) {
    return fail('serviceAccountAfter', { serviceAccount: secrets.accountLater.serviceAccount, secrets: list(secrets.accountLater.secrets) });
  }
  if (secrets.listed.length === 0) return fail('noSecrets', { registry });
  if (secrets.missing.length > 0) return fail('missingSecret', { secret: list(secrets.missing), registry });
  if (secrets.keys.length === 0 && secrets.ignored.length > 0) return fail('wrongType', { secret: secrets.ignored[0]!.secret, type: secrets.ignored[0]!.type || 'Opaque' });
  if (secrets.forbidden.length > 0 && secrets.keys.length === 0) return { code: 'doctor.verdict.secretsUnreadable', params: { secret: list(secrets.forbidden) }, tone: 'warn' };
  return fail('noEntry', { secrets: list(secrets.listed), registry, keys: secrets.keys.length > 0 ? list(secrets.keys) : '—' });
}

function refusalVerdict(facts: VerdictFacts, attempt: RegistryAttempt): Finding {
  const { registry, repository, reference } = facts;
  const secret = attempt.secret ?? '';
  switch (attempt.state) {
    case 'manifest-unknown':
    case 'name-unknown':
      return fail('manifestUnknown', { registry, repository, reference });
    case 'rate-limited':
      return fail('rateLimited', { registry, retryAfter: attempt.retryAfter ?? '—' });
    case 'unreachable':
      return fail('unreachable', { registry, detail: attempt.error?.message ?? '' });
    case 'denied':
      return attempt.secret ? fail('denied', { secret, repository }) : secretsVerdict(facts);
    case 'unauthorized':
      return attempt.secret ? fail('wrongPassword', { secret, key: attempt.key ?? '', registry }) : secretsVerdict(facts);
    default:
      return fail('unexpected', { registry, status: attempt.status ?? 0 });
  }
}

/** One sentence per failing image: the first cause on kubelet's path that explains the failure. */
export function chooseVerdict(facts: VerdictFacts): Finding {
  if (facts.invalidReason !== null) return fail('invalidImage', { image: facts.image, reason: facts.invalidReason });
  if (facts.secrets.unparsable) return fail('unparsable', facts.secrets.unparsable);
  if (facts.waitingReasons.has('ErrImageNeverPull')) return fail('neverPull', { image: facts.image });
  const success = facts.attempts.find((attempt) => attempt.state === 'exists');
  if (success) {
    if (facts.platform?.fits === false) return fail('platform', { image: facts.image, platforms: list(facts.platform.platforms), nodes: list(facts.platform.nodes) });
    if (facts.waitingReasons.has('SignatureValidationFailed')) return fail('signature', { image: facts.image });
    return { code: 'doctor.verdict.pullable', params: { image: facts.image, registry: facts.registry }, tone: facts.waitingReasons.size > 0 ? 'warn' : 'pass' };
  }
  if (facts.expiry.expired) return fail('ecrExpired', facts.expiry.expired);
  if (facts.expiry.googleRefused) return fail('googleRefused', facts.expiry.googleRefused);
  const first = facts.attempts[0];
  return first ? refusalVerdict(facts, first) : secretsVerdict(facts);
}
