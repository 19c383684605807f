// SelfSubjectAccessReview: the same rule table that guards real requests answers "may I?".
import { type KubeUser, allows } from './access';
import { isObject } from './patch';
import { invalid, invalidValue } from './status';

const KIND = 'SelfSubjectAccessReview';
const GROUP_VERSION = 'authorization.k8s.io/v1';

interface ReviewSpec {
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
  nonResourceAttributes?: { path?: string; verb?: string };
}

export function review(user: KubeUser, body: unknown): object {
  const spec = (isObject(body) && isObject(body.spec) ? body.spec : {}) as ReviewSpec;
  const { resourceAttributes: resource, nonResourceAttributes: path } = spec;
  if ((resource === undefined) === (path === undefined)) {
    throw invalid(`${KIND}.authorization.k8s.io`, '', [
      invalidValue('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'),
    ]);
  }
  const allowed = resource
    ? allows(user, { verb: resource.verb ?? '', resource: [resource.resource ?? '', resource.subresource].filter(Boolean).join('/'), namespace: resource.namespace ?? '', name: resource.name ?? '', group: resource.group ?? '' })
    : user.name !== 'system:anonymous';
  const status = allowed ? { allowed, reason: `RBAC: allowed by the rules of User "${user.name}"` } : { allowed };
  return { kind: KIND, apiVersion: GROUP_VERSION, metadata: { creationTimestamp: null }, spec, status };
}
