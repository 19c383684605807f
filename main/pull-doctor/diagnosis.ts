import type { DiagnosisStep, FailingContainer, Finding, PodEvent, RegistryAttempt, StepState } from '../../shared/pull-doctor-contract';
import type { RegistryRecord } from '../../shared/schemas';
import type { SecretObject } from '../pull-secrets/pull-secret';
import type { ClusterReads } from './cluster-reads';
import { expiryOf, type ExpiryVerdict } from './expiry';
import { normalizedReference, manifestReference, parseImageReference, type ImageReference } from '../pull-secrets/image-reference';
import { lookupEntries, readPullSecret, type KeyringMatch, type PullSecretReading } from '../pull-secrets/kubelet-keyring';
import type { RegistryProbe } from './registry-probe';
import { chooseVerdict, type SecretFacts } from './verdict';

/** Pods (or a planned pod) that pull one image with one list of pull secrets in one namespace. */
export interface DiagnosisSubject {
  context: string;
  namespace: string;
  image: string;
  /** The secrets the pods list; null for a planned pod that takes its ServiceAccount's. */
  pullSecrets: string[] | null;
  serviceAccount: string;
  containers: FailingContainer[];
}

export interface DiagnosisTools {
  reads: ClusterReads;
  probe: RegistryProbe;
  now: Date;
}

export interface DiagnosisFacts {
  subject: DiagnosisSubject;
  image: ImageReference | null;
  listed: string[];
  events: PodEvent[];
  steps: DiagnosisStep[];
  secrets: SecretFacts;
  objects: Map<string, SecretObject>;
  matches: KeyringMatch[];
  attempts: RegistryAttempt[];
  expiry: ExpiryVerdict;
  verdict: Finding;
  saved: RegistryRecord | null;
}

const step = (id: DiagnosisStep['id'], findings: Finding[], state?: StepState): DiagnosisStep => {
  const worst: StepState = findings.some((finding) => finding.tone === 'fail') ? 'fail' : findings.some((finding) => finding.tone === 'warn') ? 'warn' : 'pass';
  return { id, state: state ?? worst, findings };
};
const info = (code: string, params: Finding['params'] = {}): Finding => ({ code, params, tone: 'info' });

async function eventsStep(subject: DiagnosisSubject, reads: ClusterReads): Promise<{ events: PodEvent[]; step: DiagnosisStep }> {
  const pods = [...new Map(subject.containers.map((container) => [container.uid, container])).values()];
  const answers = await Promise.all(pods.map((pod) => reads.podEvents(subject.namespace, pod.pod, pod.uid)));
  const waiting = subject.containers.slice(0, 3).map((container) => ({ code: 'doctor.events.waiting', params: { pod: container.pod, container: container.container, reason: container.reason, message: container.message }, tone: 'fail' as const }));
  if (answers.some((answer) => answer.state === 'forbidden')) return { events: [], step: step('events', [...waiting, { code: 'doctor.events.forbidden', params: { namespace: subject.namespace }, tone: 'warn' }], 'unknown') };
  const events = answers.flatMap((answer) => (answer.state === 'found' ? answer.value : []));
  const failed = events.find((event) => event.reason === 'Failed' && !event.message.startsWith('Error: '));
  const missing = events.find((event) => event.reason === 'FailedToRetrieveImagePullSecret');
  const findings: Finding[] = [...waiting];
  if (missing) findings.push({ code: 'doctor.events.missingSecret', params: { message: missing.message }, tone: 'fail' });
  if (failed) findings.push({ code: 'doctor.events.failed', params: { message: failed.message }, tone: 'fail' });
  else if (events.some((event) => event.reason === 'BackOff')) findings.push(info('doctor.events.onlyBackOff'));
  else findings.push(info('doctor.events.none'));
  return { events, step: step('events', findings) };
}

interface SecretsOutcome {
  facts: SecretFacts;
  readings: PullSecretReading[];
  objects: Map<string, SecretObject>;
  step: DiagnosisStep;
}

/** The pod's imagePullSecrets as kubelet reads them, and what its ServiceAccount says. */
async function secretsStep(subject: DiagnosisSubject, reads: ClusterReads, image: ImageReference | null): Promise<SecretsOutcome & { listed: string[] }> {
  const account = await reads.serviceAccount(subject.namespace, subject.serviceAccount);
  const accountSecrets = account.state === 'found' ? (account.value.imagePullSecrets ?? []).flatMap((reference) => (reference.name ? [reference.name] : [])) : [];
  const listed = subject.pullSecrets ?? accountSecrets;
  const findings: Finding[] = [];
  if (account.state !== 'found') findings.push({ code: `doctor.secrets.account${account.state === 'missing' ? 'Missing' : 'Forbidden'}`, params: { serviceAccount: subject.serviceAccount }, tone: 'warn' });
  const outcome = await readSecrets(subject.namespace, listed, reads);
  findings.push(...outcome.findings);
  let accountLater: SecretFacts['accountLater'] = null;
  if (subject.pullSecrets !== null && listed.length === 0) {
    findings.unshift(info('doctor.secrets.none'), info('doctor.secrets.fromServiceAccount', { serviceAccount: subject.serviceAccount }));
    if (accountSecrets.length > 0) {
      const later = await readSecrets(subject.namespace, accountSecrets, reads);
      const wouldMatch = image !== null && lookupEntries(image.name, later.readings).length > 0;
      accountLater = { serviceAccount: subject.serviceAccount, secrets: accountSecrets, wouldMatch };
      findings.push({ code: 'doctor.secrets.accountHasNow', params: { serviceAccount: subject.serviceAccount, secrets: accountSecrets.join(', ') }, tone: 'warn' });
    }
  } else if (subject.pullSecrets === null) {
    findings.unshift(info('doctor.secrets.plannedFromAccount', { serviceAccount: subject.serviceAccount, secrets: accountSecrets.join(', ') || '—' }));
  }
  return { ...outcome, listed, facts: { ...outcome.facts, listed, accountLater }, step: step('secrets', findings) };
}

async function readSecrets(namespace: string, names: string[], reads: ClusterReads) {
  const facts: SecretFacts = { listed: names, missing: [], forbidden: [], ignored: [], unparsable: null, keys: [], accountLater: null };
  const readings: PullSecretReading[] = [];
  const objects = new Map<string, SecretObject>();
  const findings: Finding[] = [];
  for (const name of names) {
    const answer = await reads.secret(namespace, name);
    if (answer.state !== 'found') {
      facts[answer.state].push(name);
      findings.push({ code: `doctor.secrets.${answer.state}`, params: { secret: name, namespace }, tone: answer.state === 'missing' ? 'fail' : 'warn' });
      continue;
    }
    objects.set(name, answer.value);
    const reading = readPullSecret({ ...answer.value, metadata: { name } });
    readings.push(reading);
    if (reading.state === 'ignored') {
      facts.ignored.push({ secret: name, type: reading.type });
      findings.push({ code: 'doctor.secrets.ignored', params: { secret: name, type: reading.type || 'Opaque' }, tone: 'fail' });
    } else if (reading.state === 'unparsable') {
      facts.unparsable ??= { secret: name, detail: reading.detail };
      findings.push({ code: 'doctor.secrets.unparsable', params: { secret: name, detail: reading.detail }, tone: 'fail' });
    } else {
      facts.keys.push(...reading.entries.map((entry) => entry.key));
      findings.push({ code: 'doctor.secrets.usable', params: { secret: name, type: answer.value.type ?? '', keys: reading.entries.map((entry) => entry.key).join(', ') || '—' }, tone: 'pass' });
    }
  }
  return { facts, readings, objects, findings };
}

function keyringStep(image: ImageReference | null, matches: KeyringMatch[], facts: SecretFacts): DiagnosisStep {
  if (!image || facts.unparsable) return step('keyring', [], 'skipped');
  const findings: Finding[] = matches.map((match, index) => ({
    code: match.fallback ? 'doctor.keyring.fallback' : 'doctor.keyring.entry',
    params: { order: index + 1, secret: match.secret, key: match.key, username: match.username },
    tone: 'pass',
  }));
  if (matches.length === 0) findings.push({ code: 'doctor.keyring.none', params: { name: image.name, keys: facts.keys.join(', ') || '—' }, tone: 'fail' });
  findings.push(info('doctor.keyring.nodeCredentials'));
  return step('keyring', findings);
}

/** kubelet tries each matched entry until one pulls; with none, it pulls without credentials. */
async function registryAttempts(image: ImageReference, matches: KeyringMatch[], probe: RegistryProbe): Promise<RegistryAttempt[]> {
  const tries = matches.length > 0 ? matches : [null];
  const attempts: RegistryAttempt[] = [];
  for (const match of tries) {
    const outcome = await probe.check(image, match ? { username: match.username, password: match.password } : null);
    attempts.push({ secret: match?.secret ?? null, key: match?.key ?? null, username: match?.username ?? null, fallback: match?.fallback ?? false, ...outcome });
    if (outcome.state === 'exists') break;
  }
  return attempts;
}

async function platformFit(attempts: RegistryAttempt[], subject: DiagnosisSubject, reads: ClusterReads) {
  // No platform read (a single image whose config could not be read): nothing to compare, no verdict.
  const platforms = attempts.find((attempt) => attempt.state === 'exists')?.platforms;
  if (!platforms || platforms.length === 0) return null;
  const nodes = await reads.nodePlatforms();
  if (nodes.state !== 'found') return { platforms, nodes: [], fits: null };
  const onNodes = subject.containers.flatMap((container) => (container.node && nodes.value.has(container.node) ? [nodes.value.get(container.node)!] : []));
  const wanted = [...new Set(onNodes.length > 0 ? onNodes : [...nodes.value.values()])];
  const offered = new Set(platforms.map((platform) => platform.split('/').slice(0, 2).join('/')));
  return { platforms, nodes: wanted, fits: wanted.every((platform) => offered.has(platform)) };
}

/** Without a secret kubelet sent no password: a 401 or 403 then says a login is needed, not that one is wrong. */
const anonymouslyRefused = (attempt: RegistryAttempt): boolean => attempt.secret === null && (attempt.state === 'unauthorized' || attempt.state === 'denied');

function registryStep(attempts: RegistryAttempt[], platform: Awaited<ReturnType<typeof platformFit>>, image: ImageReference | null): DiagnosisStep {
  if (!image || attempts.length === 0) return step('registry', [], 'skipped');
  const findings: Finding[] = attempts.map((attempt) => ({
    code: anonymouslyRefused(attempt) ? 'doctor.registry.anonymousRefused' : `doctor.registry.${attempt.state}`,
    params: { secret: attempt.secret ?? '', key: attempt.key ?? '', username: attempt.username ?? '', endpoint: attempt.endpoint, digest: attempt.digest ?? '', status: attempt.status ?? 0, retryAfter: attempt.retryAfter ?? '—', detail: attempt.error?.message ?? '', reference: manifestReference(image), repository: image.path },
    tone: attempt.state === 'exists' ? 'pass' : 'fail',
  }));
  if (platform && platform.fits === null) findings.push({ code: 'doctor.registry.platformsUnknown', params: { platforms: platform.platforms.join(', ') }, tone: 'warn' });
  else if (platform) findings.push({ code: 'doctor.registry.platforms', params: { platforms: platform.platforms.join(', '), nodes: platform.nodes.join(', ') }, tone: platform.fits ? 'pass' : 'fail' });
  findings.push(info('doctor.registry.workstation'));
  return step('registry', findings);
}

function warningsStep(subject: DiagnosisSubject, saved: RegistryRecord | null, endpoint: string | undefined): DiagnosisStep {
  const findings: Finding[] = [];
  const policies = new Set(subject.containers.map((container) => container.pullPolicy).filter((policy) => policy === 'IfNotPresent' || policy === 'Never'));
  for (const policy of policies) findings.push({ code: 'doctor.warning.cachedImage', params: { policy }, tone: 'warn' });
  if (subject.containers.length === 0) findings.push({ code: 'doctor.warning.cachedImage', params: { policy: 'IfNotPresent' }, tone: 'info' });
  const mode = saved?.connection ?? 'secure';
  if (mode !== 'secure' || endpoint?.startsWith('http:')) {
    findings.push({ code: 'doctor.warning.runtimeConfig', params: { registry: saved?.name ?? endpoint ?? '', mode: endpoint?.startsWith('http:') ? 'http' : mode }, tone: 'warn' });
  }
  return step('warnings', findings, findings.some((finding) => finding.tone === 'warn') ? 'warn' : 'pass');
}

/** Walks kubelet's path for one subject: events, image, pull secrets, keyring, registry, expiry, warnings. */
export async function diagnoseSubject(subject: DiagnosisSubject, tools: DiagnosisTools): Promise<DiagnosisFacts> {
  const { reads, probe } = tools;
  // The events only add evidence: they are read while the rest of the path is walked.
  const reading = subject.containers.length > 0 ? eventsStep(subject, reads) : Promise.resolve({ events: [], step: step('events', [], 'skipped') });
  const parsed = parseImageReference(subject.image);
  const image = parsed.ok ? parsed.image : null;
  const imageStep = parsed.ok
    ? step('image', [{ code: 'doctor.image.normalized', params: { image: subject.image, normalized: normalizedReference(parsed.image), name: parsed.image.name }, tone: 'pass' }])
    : step('image', [{ code: 'doctor.image.invalid', params: { image: subject.image, reason: parsed.reason }, tone: 'fail' }]);
  const secrets = await secretsStep(subject, reads, image);
  const matches = image && !secrets.facts.unparsable ? lookupEntries(image.name, secrets.readings) : [];
  const neverPull = subject.containers.some((container) => container.reason === 'ErrImageNeverPull');
  const attempts = image && !secrets.facts.unparsable && !neverPull ? await registryAttempts(image, matches, probe) : [];
  const platform = await platformFit(attempts, subject, reads);
  const expiry = await expiryOf(matches, secrets.objects, tools.now, (json) => probe.googleKeyRefusal(json));
  const target = image ? probe.target(image) : null;
  const events = await reading;
  const steps = [
    events.step,
    imageStep,
    secrets.step,
    keyringStep(image, matches, secrets.facts),
    registryStep(attempts, platform, image),
    step('expiry', expiry.findings, expiry.findings.length === 0 ? 'skipped' : undefined),
    warningsStep(subject, target?.saved ?? null, target?.endpoint.href),
  ];
  const verdict = chooseVerdict({
    image: subject.image,
    invalidReason: parsed.ok ? null : parsed.reason,
    registry: image?.domain ?? '',
    repository: image?.path ?? '',
    reference: image ? manifestReference(image) : '',
    waitingReasons: new Set(subject.containers.map((container) => container.reason)),
    secrets: secrets.facts,
    matches,
    attempts,
    platform,
    expiry,
  });
  return { subject, image, listed: secrets.listed, events: events.events, steps, secrets: secrets.facts, objects: secrets.objects, matches, attempts, expiry, verdict, saved: target?.saved ?? null };
}
