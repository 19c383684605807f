/**
 * Registry URLs as operators type them: `docker.io`, `https://host:5000`, `http://10.0.0.5:5000/path`.
 * Parsing is strict because the URL ends up as the key of a pull secret and as the target of
 * connection tests; anything ambiguous is refused with a reason.
 */
export interface ParsedRegistryUrl {
  scheme: 'https' | 'http' | null;
  host: string;
  port: number | null;
  path: string;
  /** What we store: trimmed, lower-cased host, no trailing slash, scheme kept only if typed. */
  normalized: string;
}

export type RegistryUrlProblem =
  | 'url.required'
  | 'url.whitespace'
  | 'url.scheme'
  | 'url.credentials'
  | 'url.queryOrFragment'
  | 'url.host'
  | 'url.port'
  | 'url.path'
  | 'url.tooLong';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const PATH = /^(\/[a-z0-9._-]+)*$/;

function isHostName(host: string): boolean {
  if (IPV4.test(host)) return true;
  if (host.startsWith('[') && host.endsWith(']')) return /^[0-9a-f:.]+$/.test(host.slice(1, -1)) && host.includes(':');
  if (host.length > 253) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

function splitScheme(text: string): { scheme: ParsedRegistryUrl['scheme']; rest: string } | RegistryUrlProblem {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!match) return { scheme: null, rest: text };
  const scheme = match[1]!.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') return 'url.scheme';
  return { scheme, rest: text.slice(match[0].length) };
}

function splitHostPort(authority: string): { host: string; port: number | null } | RegistryUrlProblem {
  const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  const [host, portText] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : authority.includes(':')
      ? [authority.slice(0, authority.lastIndexOf(':')), authority.slice(authority.lastIndexOf(':') + 1)]
      : [authority, undefined];
  if (!isHostName(host)) return 'url.host';
  if (portText === undefined) return { host, port: null };
  if (!/^\d{1,5}$/.test(portText)) return 'url.port';
  const port = Number(portText);
  if (port < 1 || port > 65535) return 'url.port';
  return { host, port };
}

export function parseRegistryUrl(input: string): ParsedRegistryUrl | RegistryUrlProblem {
  const text = input.trim();
  if (text === '') return 'url.required';
  if (text.length > 512) return 'url.tooLong';
  if (/\s/.test(text)) return 'url.whitespace';
  const schemed = splitScheme(text);
  if (typeof schemed === 'string') return schemed;
  if (/[?#]/.test(schemed.rest)) return 'url.queryOrFragment';
  const slash = schemed.rest.indexOf('/');
  const authority = (slash === -1 ? schemed.rest : schemed.rest.slice(0, slash)).toLowerCase();
  const path = (slash === -1 ? '' : schemed.rest.slice(slash)).replace(/\/+$/, '');
  if (authority.includes('@')) return 'url.credentials';
  const hostPort = splitHostPort(authority);
  if (typeof hostPort === 'string') return hostPort;
  if (!PATH.test(path.toLowerCase())) return 'url.path';
  const hostAndPort = hostPort.port === null ? hostPort.host : `${hostPort.host}:${hostPort.port}`;
  const normalized = `${schemed.scheme ? `${schemed.scheme}://` : ''}${hostAndPort}${path}`;
  return { scheme: schemed.scheme, host: hostPort.host, port: hostPort.port, path, normalized };
}

export interface EcrRegistryAddress {
  accountId: string;
  region: string;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com(?:\.cn)?$/;

/** ECR's host names carry the AWS account and region; both are needed to mint a token. */
export function parseEcrHost(url: ParsedRegistryUrl): EcrRegistryAddress | null {
  if (url.port !== null || url.path !== '' || url.scheme === 'http') return null;
  const match = ECR_HOST.exec(url.host);
  return match ? { accountId: match[1]!, region: match[2]! } : null;
}
