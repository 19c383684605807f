import type { Finding } from '../../shared/pull-doctor-contract';
import { GOOGLE_JSON_KEY_USERNAME } from '../../shared/registry-types';
import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';
import { EXPIRES_AT_ANNOTATION, type SecretObject } from '../pull-secrets/pull-secret';
import { ECR_TOKEN_LIFETIME_MS } from '../registry-credentials/registry-login';
import { keyringKey, type KeyringMatch } from '../pull-secrets/kubelet-keyring';

export interface ExpiryVerdict {
  findings: Finding[];
  /** The first entry whose ECR token is past its expiry. */
  expired?: { secret: string; at: string };
  googleRefused?: { secret: string; detail: string };
}

const isEcrKey = (key: string): boolean => {
  const parsed = parseRegistryUrl(keyringKey(key) ?? key);
  return typeof parsed !== 'string' && parseEcrHost({ ...parsed, scheme: null }) !== null;
};

function ecrFinding(match: KeyringMatch, secret: SecretObject | undefined, now: Date): { finding: Finding; expired?: string } {
  // Only the app's own mark dates a token: the `expiration` said to sit inside ECR's password
  // envelope is documented nowhere by AWS (GetAuthorizationToken documents `expiresAt` on the
  // answer, which a Secret does not keep), so without the mark the secret's age is all we know.
  const annotated = Date.parse(secret?.metadata.annotations?.[EXPIRES_AT_ANNOTATION] ?? '');
  const expiry = Number.isFinite(annotated) ? new Date(annotated) : null;
  if (expiry) {
    const at = expiry.toISOString();
    if (expiry.getTime() <= now.getTime()) return { finding: { code: 'doctor.expiry.ecrExpired', params: { secret: match.secret, at }, tone: 'fail' }, expired: at };
    return { finding: { code: 'doctor.expiry.ecrValid', params: { secret: match.secret, at }, tone: 'pass' } };
  }
  const created = Date.parse(String((secret?.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? ''));
  const hours = Number.isFinite(created) ? Math.floor((now.getTime() - created) / 3_600_000) : null;
  const old = hours !== null && hours * 3_600_000 >= ECR_TOKEN_LIFETIME_MS;
  return { finding: { code: 'doctor.expiry.ecrAge', params: { secret: match.secret, hours: hours ?? '?' }, tone: old ? 'warn' : 'info' } };
}

const isGoogleKey = (match: KeyringMatch): boolean => {
  if (match.username !== GOOGLE_JSON_KEY_USERNAME) return false;
  try {
    return (JSON.parse(match.password) as { type?: unknown }).type === 'service_account';
  } catch {
    return false;
  }
};

/**
 * Credentials that stop working on their own: ECR tokens (the app's expiry mark, else the secret's
 * age) and Google service-account keys (asked of Google's token service).
 */
export async function expiryOf(
  matches: KeyringMatch[],
  secrets: Map<string, SecretObject>,
  now: Date,
  checkGoogleKey: (json: string) => Promise<string | null>,
): Promise<ExpiryVerdict> {
  const verdict: ExpiryVerdict = { findings: [] };
  for (const match of matches) {
    if (isEcrKey(match.key)) {
      const { finding, expired } = ecrFinding(match, secrets.get(match.secret), now);
      verdict.findings.push(finding);
      if (expired) verdict.expired ??= { secret: match.secret, at: expired };
    } else if (isGoogleKey(match)) {
      const refusal = await checkGoogleKey(match.password);
      verdict.findings.push(refusal ? { code: 'doctor.expiry.googleRefused', params: { secret: match.secret, detail: refusal }, tone: 'fail' } : { code: 'doctor.expiry.googleAccepted', params: { secret: match.secret }, tone: 'pass' });
      if (refusal) verdict.googleRefused ??= { secret: match.secret, detail: refusal };
    }
  }
  return verdict;
}
