// Tiny images built by hand as OCI image layouts (no docker daemon), pushed to a real registry with
// skopeo, and read back with `skopeo inspect --raw` for cross-checks.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Platform {
  os: string;
  architecture: string;
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const IMAGE_CREATED = '2026-11-30T12:00:00Z';
const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A one-file ustar archive: a 512-byte header, the content padded to 512, two empty blocks. */
function tarWithOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number) => header.write(value.padEnd(length, '\0').slice(0, length), offset, 'ascii');
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0');
  field(name, 0, 100);
  field(octal(0o644, 8), 100, 8);
  field(octal(0, 8), 108, 8);
  field(octal(0, 8), 116, 8);
  field(octal(content.length, 12), 124, 12);
  field(octal(0, 12), 136, 12);
  field(' '.repeat(8), 148, 8);
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  let checksum = 0;
  for (const byte of header) checksum += byte;
  field(`${octal(checksum, 7)}\0 `, 148, 8);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** An OCI image layout under construction: blobs by digest, then index.json naming the tagged roots. */
class Layout {
  private readonly blobs = new Map<string, Buffer>();
  private readonly roots: Descriptor[] = [];

  blob(mediaType: string, data: Buffer): Descriptor {
    const digest = sha256(data);
    this.blobs.set(digest, data);
    return { mediaType, digest, size: data.length };
  }

  json(mediaType: string, value: unknown): Descriptor {
    return this.blob(mediaType, Buffer.from(JSON.stringify(value)));
  }

  image(platform: Platform, label: string): Descriptor {
    const tar = tarWithOneFile('hello.txt', Buffer.from(`registry desk test image ${label} ${platform.os}/${platform.architecture}\n`));
    const layer = this.blob('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(tar));
    // `created` as builders write it, so what a browser shows can be checked against `skopeo inspect --config`.
    const config = this.json('application/vnd.oci.image.config.v1+json', { created: IMAGE_CREATED, ...platform, config: {}, rootfs: { type: 'layers', diff_ids: [sha256(tar)] } });
    return this.json(OCI_MANIFEST, { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] });
  }

  tag(tag: string, descriptor: Descriptor): void {
    this.roots.push({ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': tag } });
  }

  async write(folder: string): Promise<void> {
    await mkdir(join(folder, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(folder, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    await writeFile(join(folder, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: this.roots }));
    for (const [digest, data] of this.blobs) await writeFile(join(folder, 'blobs', 'sha256', digest.slice('sha256:'.length)), data);
  }
}

export interface BuiltImages {
  folder: string;
  /** Tag → the digest of what it names (a manifest, or an index). */
  digests: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * Writes an OCI layout with `single` (one linux/amd64 image) and one tag per index, each listing
 * an image per platform, with `indexAnnotations` on each index when given (as `docker buildx`
 * writes `org.opencontainers.image.*` there).
 */
export async function buildOciImages(indexes: Record<string, Platform[]>, label = 'app', indexAnnotations?: Record<string, string>): Promise<BuiltImages> {
  const folder = await mkdtemp(join(tmpdir(), 'registry-desk-oci-'));
  const layout = new Layout();
  const digests: Record<string, string> = {};
  const single = layout.image({ os: 'linux', architecture: 'amd64' }, label);
  layout.tag('single', single);
  digests.single = single.digest;
  for (const [tag, platforms] of Object.entries(indexes)) {
    const manifests = platforms.map((platform) => ({ ...layout.image(platform, label), platform }));
    const index = layout.json(OCI_INDEX, { schemaVersion: 2, mediaType: OCI_INDEX, manifests, ...(indexAnnotations ? { annotations: indexAnnotations } : {}) });
    layout.tag(tag, index);
    digests[tag] = index.digest;
  }
  await layout.write(folder);
  return { folder, digests, remove: () => rm(folder, { recursive: true, force: true }) };
}

export interface SkopeoTarget {
  /** `127.0.0.1:5000/team/app:tag` */
  reference: string;
  username?: string;
  password?: string;
  /** Skip TLS verification (self-signed test registries) or talk plain HTTP. */
  tlsVerify?: boolean;
}

function runSkopeo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn('skopeo', args, { env: { ...process.env, REGISTRY_AUTH_FILE: join(tmpdir(), `skopeo-auth-${process.pid}.json`) } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const credentialArgs = (flag: string, target: SkopeoTarget) => (target.username ? [flag, `${target.username}:${target.password ?? ''}`] : []);

// docker-registry can lose a blob link when two pushes upload the same blob into one repository at
// once ("manifest blob unknown" under load, CI s8c1): pushes to one repository take turns.
const pushesByRepository = new Map<string, Promise<void>>();

function repositoryOf(reference: string): string {
  const tagAt = reference.lastIndexOf(':');
  return tagAt > reference.lastIndexOf('/') ? reference.slice(0, tagAt) : reference;
}

/** `skopeo copy --all oci:<layout>:<tag> docker://<reference>`: every platform of an index. */
export function pushImage(images: BuiltImages, tag: string, target: SkopeoTarget): Promise<void> {
  const repository = repositoryOf(target.reference);
  const previous = pushesByRepository.get(repository) ?? Promise.resolve();
  const push = previous.catch(() => undefined).then(() => copyToRegistry(images, tag, target));
  pushesByRepository.set(repository, push);
  return push;
}

async function copyToRegistry(images: BuiltImages, tag: string, target: SkopeoTarget): Promise<void> {
  const args = ['copy', '--all', '--quiet', `--dest-tls-verify=${target.tlsVerify ?? false}`, ...credentialArgs('--dest-creds', target), `oci:${images.folder}:${tag}`, `docker://${target.reference}`];
  const run = await runSkopeo(args);
  if (run.code !== 0) throw new Error(`skopeo copy failed: ${run.stderr}`);
}

/** `skopeo inspect --raw`: the manifest the registry serves, or skopeo's error. */
export async function inspectRaw(target: SkopeoTarget): Promise<{ ok: boolean; manifest?: string; digest?: string; error?: string }> {
  const run = await runSkopeo(['inspect', '--raw', `--tls-verify=${target.tlsVerify ?? false}`, ...credentialArgs('--creds', target), `docker://${target.reference}`]);
  if (run.code !== 0) return { ok: false, error: run.stderr.trim() };
  return { ok: true, manifest: run.stdout, digest: sha256(Buffer.from(run.stdout)) };
}

/** `skopeo list-tags`: every tag of `reference` (a repository, no tag), as skopeo pages through them. */
export async function listTags(target: SkopeoTarget): Promise<string[]> {
  const run = await runSkopeo(['list-tags', `--tls-verify=${target.tlsVerify ?? false}`, ...credentialArgs('--creds', target), `docker://${target.reference}`]);
  if (run.code !== 0) throw new Error(`skopeo list-tags failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { Tags: string[] }).Tags;
}

/** `skopeo inspect --config` of one platform's image (`--override-arch` picks it from an index). */
export async function inspectConfig(target: SkopeoTarget & { architecture?: string }): Promise<{ created?: string; os?: string; architecture?: string }> {
  const arch = target.architecture ? ['--override-arch', target.architecture] : [];
  const run = await runSkopeo([...arch, 'inspect', '--config', `--tls-verify=${target.tlsVerify ?? false}`, ...credentialArgs('--creds', target), `docker://${target.reference}`]);
  if (run.code !== 0) throw new Error(`skopeo inspect --config failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { created?: string; os?: string; architecture?: string };
}
