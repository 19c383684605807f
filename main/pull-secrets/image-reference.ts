// Image references as kubelet reads them: distribution's `ParseNormalizedNamed` (reference/normalize.go,
// reference/regexp.go) followed by kubelet's `ParseImageName` (pkg/util/parsers), which drops the
// tag and digest for the credential lookup and defaults a bare name to `:latest`.

export interface ImageReference {
  /** As written in the pod spec. */
  written: string;
  /** `docker.io`, `myacr.azurecr.io`, `127.0.0.1:5000`. */
  domain: string;
  /** The repository inside the registry: `library/nginx`, `team/app`. */
  path: string;
  /** `domain/path`: what kubelet looks credentials up for. */
  name: string;
  tag?: string;
  digest?: string;
}

export type ImageParse = { ok: true; image: ImageReference } | { ok: false; reason: string };

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const NAME_TOTAL_MAX = 255;
const DOCKER_HUB_API = 'registry-1.docker.io';

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;
const DOMAIN_PREFIX = new RegExp(`^(${DOMAIN})/(.+)$`);
const DIGEST_LENGTHS = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** splitDockerDomain: the first component is a registry only if it looks like a host. */
function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  let domain = DEFAULT_DOMAIN;
  let remainder = name;
  if (slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    domain = first;
    remainder = name.slice(slash + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;
  return { domain, remainder };
}

function digestProblem(digest: string): string | null {
  const [algorithm = '', hex = ''] = digest.split(':');
  const length = DIGEST_LENGTHS.get(algorithm);
  if (length === undefined) return 'unsupported digest algorithm';
  if (hex.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(hex) ? null : 'invalid checksum digest format';
}

/** `ParseNormalizedNamed` + `ParseImageName`, with distribution's error wording. */
export function parseImageReference(written: string): ImageParse {
  if (ANCHORED_IDENTIFIER.test(written)) return { ok: false, reason: `invalid repository name (${written}), cannot specify 64-byte hexadecimal strings` };
  const { domain: rawDomain, remainder } = splitDockerDomain(written);
  const colon = remainder.indexOf(':');
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) return { ok: false, reason: `invalid reference format: repository name (${remote}) must be lowercase` };
  const match = REFERENCE.exec(`${rawDomain}/${remainder}`);
  if (!match) return { ok: false, reason: 'invalid reference format' };
  const [, fullName = '', tag, digest] = match;
  if (fullName.length > NAME_TOTAL_MAX) return { ok: false, reason: `repository name must not be more than ${NAME_TOTAL_MAX} characters` };
  if (digest) {
    const problem = digestProblem(digest);
    if (problem) return { ok: false, reason: problem };
  }
  const split = DOMAIN_PREFIX.exec(fullName);
  const domain = split?.[1] ?? rawDomain;
  const path = split?.[2] ?? remainder;
  return { ok: true, image: { written, domain, path, name: `${domain}/${path}`, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) } };
}

/** What a pull asks the registry for: the digest when there is one, else the tag (kubelet's default `latest`). */
export const manifestReference = (image: ImageReference): string => image.digest ?? image.tag ?? 'latest';

/** The normalised reference kubelet pulls: `docker.io/library/nginx:latest`. */
export function normalizedReference(image: ImageReference): string {
  if (image.digest) return `${image.name}${image.tag ? `:${image.tag}` : ''}@${image.digest}`;
  return `${image.name}:${image.tag ?? 'latest'}`;
}

/** Docker Hub's registry API lives on another host than its name. */
export const registryApiHost = (domain: string): string => (domain === DEFAULT_DOMAIN ? DOCKER_HUB_API : domain);

/** kubelet's default pull policy: Always for `:latest` or no tag (without a digest), else IfNotPresent. */
export function defaultPullPolicy(image: ImageReference): 'Always' | 'IfNotPresent' {
  return !image.digest && (image.tag === undefined || image.tag === 'latest') ? 'Always' : 'IfNotPresent';
}
