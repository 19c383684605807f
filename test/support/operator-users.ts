import { ADMIN_TOKEN } from '../kube-api-server';

/**
 * The admin and the operator's own user for the e2e clusters: the operator reads everything and
 * writes secrets and ServiceAccounts in every namespace but `denied`, where it may only add to the
 * ServiceAccounts (so a reference there leads to a secret it could not write).
 */
export function adminAndOperator(namespaces: readonly string[], denied: string) {
  return {
    [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'] }] },
    'operator-token': {
      name: 'operator',
      rules: [
        { verbs: ['get', 'list', 'watch'], resources: ['namespaces', 'secrets', 'serviceaccounts'] },
        { verbs: ['*'], resources: ['secrets', 'serviceaccounts'], namespaces: ['default', ...namespaces.filter((namespace) => namespace !== denied)] },
        { verbs: ['get', 'list', 'update', 'patch'], resources: ['serviceaccounts'], namespaces: [denied] },
      ],
    },
  };
}
