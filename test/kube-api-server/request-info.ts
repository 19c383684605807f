// What a request asks for, worked out from method and path as the apiserver's RequestInfoFactory does.
export interface ResourceRequest {
  kind: 'resource';
  verb: string;
  group: string;
  version: string;
  resource: string;
  namespace: string;
  name: string;
  subresource: string;
}
export interface PathRequest {
  kind: 'path';
  verb: string;
  path: string;
}

const VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', GET: 'get', HEAD: 'get', DELETE: 'delete' };

const NAMESPACE_SUBRESOURCES = ['status', 'finalize'];

export function requestInfo(method: string, url: URL): ResourceRequest | PathRequest {
  const parts = url.pathname.split('/').filter(Boolean);
  let rest: string[];
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts[1] === 'v1') [group, version, rest] = ['', 'v1', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  else return { kind: 'path', verb: method.toLowerCase(), path: url.pathname };
  if (rest.length === 0) return { kind: 'path', verb: method.toLowerCase(), path: url.pathname };

  let verb = VERBS[method] ?? method.toLowerCase();
  if (rest[0] === 'watch') {
    verb = 'watch';
    rest = rest.slice(1);
  }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.includes(rest[2]!)) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  const [resource = '', name = '', subresource = ''] = rest;
  // A namespace is its own namespace: `get namespaces/x` is checked against rules for namespace x.
  if (resource === 'namespaces' && name && !namespace) namespace = name;
  if (!name && verb === 'get') verb = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1' ? 'watch' : 'list';
  if (!name && verb === 'delete') verb = 'deletecollection';
  return { kind: 'resource', verb, group, version, resource, namespace, name, subresource };
}
