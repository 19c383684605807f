import { createHash } from 'node:crypto';
import type { CheckImageRequest, ContextScan, Diagnosis, FindRequest, FindResult } from '../../shared/pull-doctor-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { Clusters } from '../clusters';
import { clusterFailure } from '../kube/kube-errors';
import type { ConnectionNetwork } from '../registry-http/connection-network';
import { addAccountReference } from '../access';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { SettingsRepository } from '../settings/settings-repository';
import { clusterReads, type ClusterReads } from './cluster-reads';
import { diagnoseSubject, type DiagnosisSubject } from './diagnosis';
import { listPullFailures, type PullFailure } from './failing-pods';
import { fixesFor, servingRegistry } from './fixes';
import { normalizedReference, parseImageReference } from '../pull-secrets/image-reference';
import { createRegistryProbe, type RegistryProbe } from './registry-probe';

export interface PullDoctorDependencies {
  clusters: Pick<Clusters, 'api'>;
  settings: SettingsRepository;
  network: ConnectionNetwork;
  clock: Clock;
  logger: Logger;
  /** Parallel requests per cluster (default 8). */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 8;

/** Pods pulling the same image with the same secrets and account in one namespace are diagnosed once. */
function groupFailures(context: string, failures: PullFailure[]): DiagnosisSubject[] {
  const groups = new Map<string, DiagnosisSubject>();
  for (const failure of failures) {
    const key = JSON.stringify([failure.namespace, failure.image, failure.pullSecrets, failure.serviceAccount]);
    const group = groups.get(key) ?? { context, namespace: failure.namespace, image: failure.image, pullSecrets: failure.pullSecrets, serviceAccount: failure.serviceAccount, containers: [] };
    group.containers.push(failure.container);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const subjectId = (subject: DiagnosisSubject): string =>
  createHash('sha256').update(JSON.stringify([subject.context, subject.namespace, subject.image, subject.pullSecrets, subject.serviceAccount])).digest('hex').slice(0, 16);

/** The pull doctor: why pods cannot pull, walked the way kubelet pulls, checked against the registry. */
export function createPullDoctor(deps: PullDoctorDependencies) {
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const registries = (): RegistryRecord[] => deps.settings.read().registries;

  async function diagnose(subject: DiagnosisSubject, reads: ClusterReads, probe: RegistryProbe, saved: RegistryRecord[]): Promise<Diagnosis> {
    const facts = await diagnoseSubject(subject, { reads, probe, now: deps.clock.now() });
    return {
      id: subjectId(subject),
      context: subject.context,
      namespace: subject.namespace,
      image: subject.image,
      normalized: facts.image ? normalizedReference(facts.image) : null,
      pullSecrets: facts.listed,
      serviceAccount: subject.serviceAccount,
      containers: subject.containers,
      events: facts.events,
      attempts: facts.attempts,
      steps: facts.steps,
      verdict: facts.verdict,
      fixes: await fixesFor(facts, saved, reads),
    };
  }

  /** Only images the registry serves, by kubelet's lookup on the registry's own key. */
  function servedBy(registryId: string | undefined, saved: RegistryRecord[]): (failure: PullFailure) => boolean {
    if (!registryId) return () => true;
    const record = saved.find((candidate) => candidate.id === registryId);
    if (!record) throw new AppFailure('registry.notFound');
    return (failure) => {
      const parsed = parseImageReference(failure.image);
      return parsed.ok && servingRegistry([record], parsed.image.name) !== null;
    };
  }

  async function scanContext(context: string, request: FindRequest, probe: RegistryProbe, saved: RegistryRecord[], wanted: (failure: PullFailure) => boolean, signal?: AbortSignal): Promise<{ scan: ContextScan; diagnoses: Diagnosis[] }> {
    const namespaces = request.namespaces.length > 0 ? new Set(request.namespaces) : null;
    const scan: ContextScan = { context, state: 'checked', podsScanned: 0, failingPods: 0, nodes: 'readable', events: 'readable' };
    try {
      const api = await deps.clusters.api(context);
      const reads = clusterReads(api, concurrency, signal);
      const { scanned, failures } = await listPullFailures(api, namespaces, signal);
      const chosen = failures.filter(wanted);
      const subjects = groupFailures(context, chosen);
      // Every group at once: the cluster reads are bounded per context, and registry checks overlap them.
      const diagnoses = await Promise.all(subjects.map((subject) => diagnose(subject, reads, probe, saved)));
      const nodes = await reads.nodePlatforms();
      const eventsUnknown = diagnoses.some((diagnosis) => diagnosis.steps.some((step) => step.id === 'events' && step.state === 'unknown'));
      Object.assign(scan, { podsScanned: scanned, failingPods: new Set(chosen.map((failure) => failure.container.uid)).size, nodes: nodes.state === 'forbidden' ? 'forbidden' : 'readable', events: eventsUnknown ? 'forbidden' : 'readable' });
      return { scan, diagnoses: diagnoses.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.image.localeCompare(b.image)) };
    } catch (error) {
      const failure = clusterFailure(error, { context });
      deps.logger.warn('pull doctor could not scan a context', { context, code: failure.appError.code });
      return { scan: { ...scan, state: 'failed', error: failure.appError }, diagnoses: [] };
    }
  }

  return {
    /** Every failing pod of the contexts and namespaces, grouped by (namespace, image, pull secrets), each group diagnosed. */
    async find(request: FindRequest, signal?: AbortSignal): Promise<FindResult> {
      const started = performance.now();
      const saved = registries();
      const wanted = servedBy(request.registryId, saved);
      const probe = createRegistryProbe({ network: deps.network, registries: saved, cancel: signal });
      try {
        const scans = await Promise.all(request.contexts.map((context) => scanContext(context, request, probe, saved, wanted, signal)));
        // A cancelled scan's contexts read as failed; the window asked for none of it.
        signal?.throwIfAborted();
        deps.logger.info('pull doctor scanned', { contexts: scans.length, diagnoses: scans.reduce((sum, scan) => sum + scan.diagnoses.length, 0), registryRequests: probe.requests });
        return {
          checkedAt: deps.clock.now().toISOString(),
          durationMs: Math.round(performance.now() - started),
          contexts: scans.map((scan) => scan.scan),
          diagnoses: scans.flatMap((scan) => scan.diagnoses),
          registryRequests: probe.requests,
        };
      } finally {
        await probe.close();
      }
    },

    /** "Would this pull?" for a pod not created yet. */
    async checkImage(request: CheckImageRequest, signal?: AbortSignal): Promise<Diagnosis> {
      const saved = registries();
      const probe = createRegistryProbe({ network: deps.network, registries: saved, cancel: signal });
      try {
        const reads = clusterReads(await deps.clusters.api(request.context), concurrency, signal);
        const subject: DiagnosisSubject = {
          context: request.context,
          namespace: request.namespace,
          image: request.image,
          pullSecrets: request.pullSecrets && request.pullSecrets.length > 0 ? request.pullSecrets : null,
          serviceAccount: request.serviceAccount ?? 'default',
          containers: [],
        };
        return await diagnose(subject, reads, probe, saved);
      } catch (error) {
        throw clusterFailure(error, { context: request.context });
      } finally {
        await probe.close();
      }
    },

    async addToServiceAccount(request: { context: string; namespace: string; serviceAccount: string; secret: string; registryId: string }): Promise<{ outcome: 'done' | 'unchanged' }> {
      if (!registries().some((record) => record.id === request.registryId)) throw new AppFailure('registry.notFound');
      try {
        const outcome = await addAccountReference(await deps.clusters.api(request.context), request, AbortSignal.timeout(30_000));
        deps.logger.info('pull doctor added a pull secret to a service account', { context: request.context, namespace: request.namespace, serviceAccount: request.serviceAccount, registryId: request.registryId, outcome });
        return { outcome: outcome === 'unchanged' ? 'unchanged' : 'done' };
      } catch (error) {
        throw clusterFailure(error, { context: request.context });
      }
    },
  };
}
export type PullDoctor = ReturnType<typeof createPullDoctor>;
