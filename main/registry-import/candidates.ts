import type { ImportCandidate } from '../../shared/import-export-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { normalizeServiceAccountKey } from '../../shared/service-account-key';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import { classifyLogin, loginIdentity, type ClassifiedLogin } from './classify-login';
import type { FoundLogin } from './found-login';

/** A candidate with what main alone keeps: the login's secret and how its host was read. */
export interface HeldCandidate {
  candidate: ImportCandidate;
  classified: ClassifiedLogin | null;
  secret?: string;
}

const NAME_MAX = 64;

function baseName(classified: ClassifiedLogin): string {
  if (classified.type === 'docker') return 'Docker Hub';
  if (classified.ecr) return `ECR ${classified.ecr.accountId} ${classified.ecr.region}`;
  return classified.url.replace(/^http:\/\//, '');
}

/** Unique among existing registries and the other candidates (ignoring case), within the name limit. */
function nameProposer(existing: RegistryRecord[]) {
  const taken = new Set(existing.map((record) => record.name.toLocaleLowerCase()));
  return (base: string, username: string): string => {
    for (let count = 0; ; count += 1) {
      const suffix = count === 0 ? '' : username !== '' && count === 1 ? ` (${username})` : ` ${count}`;
      const name = `${base.slice(0, NAME_MAX - suffix.length)}${suffix}`.slice(0, NAME_MAX);
      if (!taken.has(name.toLocaleLowerCase())) {
        taken.add(name.toLocaleLowerCase());
        return name;
      }
    }
  };
}

/** Whether the keychain already holds exactly this secret for the registry (JSON keys compared compacted). */
async function sameSecret(record: RegistryRecord, secret: string, secrets: RegistrySecrets): Promise<boolean> {
  const kind = record.type === 'gcr' || record.type === 'artifact-registry' ? 'serviceAccountJson' : 'password';
  if (!record.secrets.includes(kind)) return false;
  const stored = await secrets.read(record.id, kind);
  if (kind === 'password') return stored === secret;
  const key = normalizeServiceAccountKey(secret);
  return typeof key !== 'string' && stored === key.compactJson;
}

function findExisting(existing: RegistryRecord[], identity: string): RegistryRecord | undefined {
  return existing.find((record) => loginIdentity(record.url, record.type === 'ecr' ? '' : (record.username ?? '')) === identity);
}

/**
 * Every found login as a row of the preview: what would be created or updated, what is skipped
 * and why. Logins with the same host and user as a registry (or an earlier row) are never duplicates.
 */
export async function buildCandidates(logins: FoundLogin[], existing: RegistryRecord[], secrets: RegistrySecrets): Promise<HeldCandidate[]> {
  const propose = nameProposer(existing);
  const firstOfLogin = new Map<string, string>();
  const held: HeldCandidate[] = [];
  for (const [index, login] of logins.entries()) {
    const candidateId = `c${index}`;
    const classified = classifyLogin(login.serverKey, login.username);
    const base = {
      candidateId,
      origin: login.origin,
      serverKey: login.serverKey,
      url: classified?.url ?? login.serverKey,
      type: classified?.type ?? 'other',
      username: login.username,
      ...(classified?.ecr ? { ecr: classified.ecr } : {}),
      ...(classified?.notice ? { notice: classified.notice } : {}),
      ...(login.unusedByDocker ? { unusedByDocker: login.unusedByDocker } : {}),
    } as const;
    const skip = (reason: NonNullable<ImportCandidate['skipReason']>, extra: Partial<ImportCandidate> = {}): HeldCandidate => ({
      candidate: { ...base, proposedName: '', action: 'skip', skipReason: reason, ...extra },
      classified,
    });
    if (login.skip) {
      held.push(skip(login.skip.reason, login.skip.error ? { error: login.skip.error } : {}));
      continue;
    }
    if (!classified) {
      held.push(skip('invalidServer', { error: new AppFailure('import.invalidServer', { server: login.serverKey }).appError }));
      continue;
    }
    const identity = loginIdentity(classified.url, classified.importedUsername);
    const earlier = firstOfLogin.get(identity);
    if (earlier) {
      held.push(skip('sameLoginAbove', { sameAs: earlier }));
      continue;
    }
    firstOfLogin.set(identity, candidateId);
    const match = findExisting(existing, identity);
    const tokenOnly = classified.notice === 'ecrToken' || classified.notice === 'googleAccessToken';
    if (match && (tokenOnly || (await sameSecret(match, login.secret ?? '', secrets)))) {
      held.push(skip(tokenOnly ? 'alreadyRegistered' : 'unchanged', { existing: { id: match.id, name: match.name } }));
      continue;
    }
    const candidate: ImportCandidate = match
      ? { ...base, proposedName: match.name, action: 'update', existing: { id: match.id, name: match.name } }
      : { ...base, proposedName: propose(baseName(classified), classified.importedUsername), action: 'create' };
    held.push({ candidate, classified, secret: login.secret });
  }
  return held;
}
