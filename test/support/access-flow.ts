import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdoptTarget, ApplyResult, Plan } from '../../shared/access-contract';
import type { AccessSettings } from '../../shared/access-settings';
import type { AppError, Result } from '../../shared/errors';
import { ADMIN_TOKEN, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import type { AccessFixture } from './access-services';

/** The value of a Result, or a failure that names the error code (so a test failure says why). */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function errorOf<T>(result: Result<T>): AppError {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** A kubeconfig with one context per server, all as the admin user unless a token is given. */
export function kubeconfigFor(servers: { name: string; server: KubeApiServer; token?: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rd-kubeconfig-'));
  return writeKubeconfig(
    join(dir, 'config'),
    servers.map(({ name, server, token }) => ({ name, server: server.url, caPem: server.caPem, token: token ?? ADMIN_TOKEN })),
  );
}

/** `only`: one status row's preview, that namespace of that context alone. */
export async function preview(fixture: AccessFixture, registryId: string, settings?: AccessSettings, adopt?: AdoptTarget[], only?: { context: string; namespace: string }): Promise<Plan> {
  return valueOf(await fixture.ipc.invoke('access:preview', { registryId, ...(settings ? { settings } : {}), ...(adopt ? { adopt } : {}), ...(only ? { only } : {}) }));
}

/** `callId`: the id the window would send so it can cancel the apply through `ipc:cancel`. */
export async function apply(fixture: AccessFixture, plan: Plan, options: { confirmRemovals?: boolean; concurrency?: number; operationId?: string; callId?: string } = {}): Promise<ApplyResult> {
  return valueOf(
    await fixture.ipc.invoke(
      'access:apply',
      {
        operationId: options.operationId ?? randomUUID(),
        planId: plan.planId,
        confirmRemovals: options.confirmRemovals ?? false,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      },
      options.callId,
    ),
  );
}

/** The secret and ServiceAccount steps of a plan for one namespace of one context. */
export function planFor(plan: Plan, context: string, namespace: string) {
  return plan.contexts.find((entry) => entry.context === context)?.namespaces.find((entry) => entry.namespace === namespace);
}

export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** Requests that changed something, by verb (SelfSubjectAccessReviews are creates that change nothing). */
export function writesIn(server: KubeApiServer): number {
  const { byVerb, byResource } = server.counters();
  const reviews = byResource.selfsubjectaccessreviews ?? 0;
  return WRITE_VERBS.reduce((total, verb) => total + (byVerb[verb] ?? 0), 0) - reviews;
}
