// Many repositories and tags in a real registry, fast: skopeo pushes one image, then the
// registry's own API tags its manifest again and again (PUT manifests) and mounts its blobs into
// other repositories (POST blobs/uploads?mount=), which is what `crane tag` and cross-repository
// pushes do. No bytes are uploaded twice.
import { Agent, fetch } from 'undici';

export interface SeedTarget {
  /** `https://127.0.0.1:<port>`, or `http://` for a registry without TLS. */
  origin: string;
  username: string;
  password: string;
  /** The CA the registry's certificate chains to; absent over plain HTTP. */
  ca?: string;
}

const MANIFEST_TYPES = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json';

function client(target: SeedTarget) {
  const dispatcher = new Agent(target.ca ? { connect: { ca: target.ca } } : {});
  const authorization = `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`;
  const call = async (method: string, path: string, init: { body?: Buffer; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${target.origin}/v2/${path}`, { method, dispatcher, headers: { authorization, ...init.headers }, body: init.body });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${body.toString()}`);
    return { headers: response.headers, body };
  };
  return { call, close: () => dispatcher.close() };
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < items.length; at += size) await Promise.all(items.slice(at, at + size).map(work));
}

/** Puts the manifest `repository:tag` names under every one of `tags` too. */
export async function addTags(target: SeedTarget, repository: string, tag: string, tags: string[]): Promise<void> {
  const { call, close } = client(target);
  try {
    const manifest = await call('GET', `${repository}/manifests/${tag}`, { headers: { accept: MANIFEST_TYPES } });
    const contentType = manifest.headers.get('content-type') ?? '';
    await inBatches(tags, 16, (name) => call('PUT', `${repository}/manifests/${name}`, { body: manifest.body, headers: { 'content-type': contentType } }));
  } finally {
    await close();
  }
}

/** Copies a single-image `repository:tag` into each of `repositories` (same tag), mounting its blobs. */
export async function copyToRepositories(target: SeedTarget, repository: string, tag: string, repositories: string[]): Promise<void> {
  const { call, close } = client(target);
  try {
    const manifest = await call('GET', `${repository}/manifests/${tag}`, { headers: { accept: MANIFEST_TYPES } });
    const parsed = JSON.parse(manifest.body.toString()) as { config: { digest: string }; layers: { digest: string }[] };
    const blobs = [parsed.config.digest, ...parsed.layers.map((layer) => layer.digest)];
    const contentType = manifest.headers.get('content-type') ?? '';
    await inBatches(repositories, 8, async (name) => {
      for (const digest of blobs) await call('POST', `${name}/blobs/uploads/?mount=${digest}&from=${repository}`);
      await call('PUT', `${name}/manifests/${tag}`, { body: manifest.body, headers: { 'content-type': contentType } });
    });
  } finally {
    await close();
  }
}
