// Who is asking and what they may do: bearer tokens (or client certificates) mapped to users,
// and one rule table per user that answers both real requests and SelfSubjectAccessReviews,
// the way RBAC does (namespaced rules never grant cluster-scope or all-namespace requests).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface RbacRule {
  verbs: string[];
  resources: string[];
  namespaces?: string[];
  /** API groups the rule covers ('' is the core group); absent: the core group only. */
  apiGroups?: string[];
}
export interface KubeUser {
  name: string;
  rules: RbacRule[];
  /** false: the user is not bound to system:discovery (discovery paths answer 403), as on a locked-down cluster. */
  discovery?: boolean;
}

export interface Attributes {
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  group: string;
}

export const ANONYMOUS: KubeUser = { name: 'system:anonymous', rules: [] };

export class AccessTable {
  private readonly byToken = new Map<string, KubeUser>();
  private readonly byCertificateName = new Map<string, KubeUser>();

  addUser(token: string, user: KubeUser): void {
    this.byToken.set(token, user);
  }

  addCertificateUser(user: KubeUser): void {
    this.byCertificateName.set(user.name, user);
  }

  /** The user behind a request; null when it presents credentials the server does not accept. */
  authenticate(request: IncomingMessage): KubeUser | null {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      return (match && this.byToken.get(match[1]!)) ?? null;
    }
    const socket = request.socket as TLSSocket;
    if (socket.authorized) {
      const commonName = socket.getPeerCertificate().subject?.CN;
      const name = Array.isArray(commonName) ? commonName[0] : commonName;
      return name ? (this.byCertificateName.get(name) ?? null) : null;
    }
    return ANONYMOUS;
  }
}

function ruleAllows(rule: RbacRule, attributes: Attributes): boolean {
  const verb = rule.verbs.includes('*') || rule.verbs.includes(attributes.verb);
  const resource = rule.resources.includes('*') || rule.resources.includes(attributes.resource);
  const scope = rule.namespaces === undefined || (attributes.namespace !== '' && rule.namespaces.includes(attributes.namespace));
  const groups = rule.apiGroups ?? [''];
  return verb && resource && scope && (groups.includes('*') || groups.includes(attributes.group));
}

export function allows(user: KubeUser, attributes: Attributes): boolean {
  return user.rules.some((rule) => ruleAllows(rule, attributes));
}

/** The reason RBAC gives, in the wording of forbiddenMessage in the apiserver's responsewriters. */
export function denialReason(user: KubeUser, attributes: Attributes): string {
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  return `User "${user.name}" cannot ${attributes.verb} resource "${attributes.resource}" in API group "${attributes.group}" ${scope}`;
}
