// "Will it pull?" for each distinct (image, login kubelet would use, architectures, what runs now):
// kubelet's own matching picks the entries and their order, the registry is asked with each until
// one is let in, as kubelet tries them; then the platforms and the running digests decide.
import { createHmac, randomBytes } from 'node:crypto';
import type { PullCheck, PullVerdict } from '../../shared/radar-contract';
import { defaultPullPolicy, normalizedReference, parseImageReference, type ImageReference } from '../pull-secrets/image-reference';
import { lookupEntries, type KeyringMatch, type PullSecretReading } from '../pull-secrets/kubelet-keyring';
import { EXPIRES_AT_ANNOTATION } from '../pull-secrets/pull-secret';
import type { Inventory, Workload } from './inventory';
import { keyOf } from './inventory';
import type { ManifestAnswer } from '../registry-http/manifest-check';
import type { RegistryAnswer, RegistryRun } from './registry-checks';
import { wantedPlatform } from './node-placement';
import { runningOf } from './running-images';

type Reason = PullCheck['reason'];
const fail = (code: string, params: Reason['params']): Reason => ({ code: `doctor.verdict.${code}`, params });

interface Attempt {
  match: KeyringMatch | null;
  answer: RegistryAnswer;
}

/** The pull doctor's sentence for a pull that every entry failed. */
function refusal(image: ImageReference, attempt: Attempt, secrets: { listed: string[]; missing: string[] }): Reason {
  const registry = image.domain;
  const { answer, match } = attempt;
  switch (answer.state) {
    case 'manifest-unknown':
    case 'name-unknown':
      return fail('manifestUnknown', { registry, repository: image.path, reference: image.digest ?? image.tag ?? 'latest' });
    case 'rate-limited':
      return fail('rateLimited', { registry, retryAfter: answer.retryAfter ?? '—' });
    case 'unreachable':
      return fail('unreachable', { registry, detail: answer.detail });
    case 'denied':
    case 'unauthorized':
      if (match) return answer.state === 'denied' ? fail('denied', { secret: match.secret, repository: image.path }) : fail('wrongPassword', { secret: match.secret, key: match.key, registry });
      if (secrets.missing.length > 0) return fail('missingSecret', { secret: secrets.missing.join(', '), registry });
      return secrets.listed.length === 0 ? fail('noSecrets', { registry }) : fail('noEntry', { secrets: secrets.listed.join(', '), registry, keys: '—' });
    default:
      return fail('unexpected', { registry, status: answer.status });
  }
}

export interface CheckInput {
  context: string;
  inventory: Inventory;
  workload: Workload;
  container: Workload['containers'][number];
  now: Date;
}

interface Resolved {
  verdict: PullVerdict;
  reason: Reason;
  digest: string | null;
  platforms: string[];
}

function afterSuccess(image: ImageReference, answer: ManifestAnswer, input: CheckInput): Resolved {
  const platforms = answer.platforms ?? [];
  const base = { digest: answer.digest ?? null, platforms };
  // OS and architecture both: `linux/amd64` does not run on a `windows/amd64` node.
  const offered = new Set(platforms.map((platform) => platform.split('/').slice(0, 2).join('/')));
  const missing = platforms.length > 0 ? input.workload.architectures.map(wantedPlatform).filter((wanted) => !offered.has(wanted)) : [];
  if (missing.length > 0) return { ...base, verdict: 'platform-missing', reason: fail('platform', { image: image.written, platforms: platforms.join(', '), nodes: missing.join(', ') }) };
  // Only a repository digest can be compared with the tag's: a runtime image ID (`docker://sha256:…`,
  // a locally loaded image's bare `sha256:…`) is the config's digest and says nothing about the tag.
  // A digest of another repository (the runtime reporting a mirror's name) is no answer about this tag.
  const running = [...new Set(input.container.running.flatMap((id) => { const ran = runningOf(id); return ran.name === image.name && ran.digest ? ran.digest : []; }))];
  if (!image.digest && answer.digest && running.length > 0 && !running.includes(answer.digest)) {
    return { ...base, verdict: 'tag-moved', reason: { code: 'radar.verdict.tagMoved', params: { image: image.written, running: running.join(', '), now: answer.digest } } };
  }
  // It pulls, but for which nodes is not known: the platform part stays unchecked, said so.
  if (input.workload.architecturesFrom === 'nodes-unread') return { ...base, verdict: 'unknown', reason: { code: 'radar.verdict.platformUnchecked', params: { image: image.written, registry: image.domain } } };
  return { ...base, verdict: 'pulls', reason: { code: 'radar.verdict.pulls', params: { image: image.written, registry: image.domain } } };
}

/** An entry whose ECR token the app marked expired is refused without asking (kubelet's token is dead). */
function expiredMark(input: CheckInput, match: KeyringMatch): string | null {
  const annotated = input.inventory.secrets.get(keyOf(input.workload.namespace, match.secret))?.annotations[EXPIRES_AT_ANNOTATION];
  const at = Date.parse(annotated ?? '');
  return Number.isFinite(at) && at <= input.now.getTime() ? new Date(at).toISOString() : null;
}

async function resolve(image: ImageReference, matches: KeyringMatch[], input: CheckInput, registry: RegistryRun, secrets: { listed: string[]; missing: string[] }): Promise<Resolved> {
  const attempts: Attempt[] = [];
  for (const match of matches.length > 0 ? matches : [null]) {
    const answer = await registry.ask(image, match ? { username: match.username, password: match.password } : null);
    if (answer.state === 'exists') return afterSuccess(image, answer, input);
    attempts.push({ match, answer });
  }
  const expired = matches.map((match) => ({ secret: match.secret, at: expiredMark(input, match) })).find((mark) => mark.at !== null);
  if (expired) return refused(image, input, fail('ecrExpired', { secret: expired.secret, at: expired.at! }));
  // The workstation not reaching the registry, or being told to wait past the retries, says nothing
  // about the cluster's pull: not checked, with the reason, never a failure to come.
  const undecided = attempts.find((attempt) => attempt.answer.state === 'unreachable' || attempt.answer.state === 'rate-limited');
  if (undecided) return { verdict: 'unknown', reason: refusal(image, undecided, secrets), digest: null, platforms: [] };
  return refused(image, input, refusal(image, attempts[0]!, secrets));
}

/** A pull the registry refused: pods still running from the node's copy fail on their next restart. */
function refused(image: ImageReference, input: CheckInput, reason: Reason): Resolved {
  const cached = !pullsEveryStart(image, input.container.pullPolicy) && input.container.running.length > 0;
  return { verdict: cached ? 'cached-only' : 'fails', reason, digest: null, platforms: [] };
}

/** Kubelet pulls at every start with Always, and with no policy written for `:latest` or no tag (the API's default). */
function pullsEveryStart(image: ImageReference, policy: string): boolean {
  return policy === 'Always' || (policy === '' && defaultPullPolicy(image) === 'Always');
}

/** The readings of the workload's pull secrets in its order, and which of them do not exist. */
function secretsOf(input: CheckInput, readings: Map<string, PullSecretReading>) {
  const listed = input.workload.pullSecrets;
  const found = listed.flatMap((name) => readings.get(keyOf(input.workload.namespace, name)) ?? []);
  const missing = input.inventory.secretsRead(input.workload.namespace) ? listed.filter((name) => !input.inventory.secrets.has(keyOf(input.workload.namespace, name))) : [];
  return { listed, missing, found };
}

/** Checks shared across the fleet by what decides them; the registry is asked once per distinct login. */
export function createPullChecks(registry: RegistryRun) {
  const checks = new Map<string, Promise<PullCheck>>();
  // Ids go into the report: keyed with a secret of this run, they tell nothing about a password.
  const key = randomBytes(32);
  const ids = new Map<string, string>();
  const sha = (parts: unknown[]): string => {
    const text = JSON.stringify(parts);
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = createHmac('sha256', key).update(text).digest('hex').slice(0, 20)));
    return id;
  };
  // A fleet holds the same secret in hundreds of namespaces and the same image in thousands of
  // workloads: kubelet's lookup (URL parsing and glob matching per key) runs once per distinct
  // (image, secret contents in order), not once per container. Readings are interned by content.
  const images = new Map<string, ReturnType<typeof parseImageReference>>();
  const readingIds = new WeakMap<PullSecretReading, number>();
  const byContent = new Map<string, number>();
  const lookups = new Map<string, KeyringMatch[]>();
  const readingId = (reading: PullSecretReading): number => {
    let id = readingIds.get(reading);
    if (id === undefined) {
      const content = JSON.stringify(reading);
      id = byContent.get(content) ?? byContent.size;
      byContent.set(content, id);
      readingIds.set(reading, id);
    }
    return id;
  };
  const parseOnce = (image: string) => {
    let parsed = images.get(image);
    if (!parsed) images.set(image, (parsed = parseImageReference(image)));
    return parsed;
  };
  const lookupOnce = (name: string, found: PullSecretReading[]): KeyringMatch[] => {
    const lookupKey = `${found.map(readingId).join(',')} ${name}`;
    let matches = lookups.get(lookupKey);
    if (!matches) lookups.set(lookupKey, (matches = lookupEntries(name, found)));
    return matches;
  };

  return {
    check(input: CheckInput, readings: Map<string, PullSecretReading>): { id: string; check: Promise<PullCheck> } {
      const parsed = parseOnce(input.container.image);
      const secrets = secretsOf(input, readings);
      const unparsable = secrets.found.find((reading) => reading.state === 'unparsable');
      const matches = parsed.ok ? lookupOnce(parsed.image.name, secrets.found) : [];
      const policy = parsed.ok && pullsEveryStart(parsed.image, input.container.pullPolicy) ? 'Always' : 'cache';
      const expiredMarks = matches.map((match) => expiredMark(input, match));
      const id = sha([input.container.image, matches.map((match) => [match.key, match.username, match.password]), expiredMarks, secrets.missing.length > 0, unparsable?.secret ?? null, input.workload.architectures, input.workload.architecturesFrom === 'nodes-unread', input.container.running, policy]);
      let check = checks.get(id);
      if (!check) {
        const registryName = parsed.ok ? parsed.image.domain : '';
        const base = { id, image: input.container.image, registry: registryName, architectures: input.workload.architectures };
        check = (async (): Promise<PullCheck> => {
          if (!parsed.ok) return { ...base, verdict: 'fails', reason: fail('invalidImage', { image: input.container.image, reason: parsed.reason }), digest: null, platforms: [] };
          if (unparsable?.state === 'unparsable') return { ...base, verdict: 'fails', reason: fail('unparsable', { secret: unparsable.secret, detail: unparsable.detail }), digest: null, platforms: [] };
          return { ...base, image: normalizedReference(parsed.image), ...(await resolve(parsed.image, matches, input, registry, secrets)) };
        })();
        checks.set(id, check);
      }
      return { id, check };
    },
    /** Every check asked, `answered(done, total)` told as each one is decided. */
    all: async (answered?: (done: number, total: number) => void): Promise<PullCheck[]> => {
      const all = [...checks.values()];
      let done = 0;
      answered?.(0, all.length);
      return Promise.all(all.map((check) => check.then((value) => (answered?.((done += 1), all.length), value))));
    },
  };
}
