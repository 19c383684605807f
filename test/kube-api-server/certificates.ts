// A private CA, the server's certificate and client certificates, made with openssl like a
// kubeadm cluster's PKI (ECDSA P-256 keeps generation fast enough to make them per server).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export interface KeyPair {
  certificatePem: string;
  keyPem: string;
}

async function inTemporaryFolder<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-api-server-pki-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

export function makeAuthority(): Promise<KeyPair> {
  return inTemporaryFolder(async (dir) => {
    await openssl(dir, ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '365', '-subj', '/CN=kube-api-server-test-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
    return { certificatePem: await readFile(join(dir, 'ca.crt'), 'utf8'), keyPem: await readFile(join(dir, 'ca.key'), 'utf8') };
  });
}

/** A leaf certificate signed by `authority`; `subject` like `/CN=alice/O=team`. */
export function issue(authority: KeyPair, subject: string, extensions: string): Promise<KeyPair> {
  return inTemporaryFolder(async (dir) => {
    await writeFile(join(dir, 'ca.crt'), authority.certificatePem);
    await writeFile(join(dir, 'ca.key'), authority.keyPem, { mode: 0o600 });
    await writeFile(join(dir, 'leaf.ext'), `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n${extensions}\n`);
    await openssl(dir, ['req', '-new', ...EC, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', subject]);
    await openssl(dir, ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(8).toString('hex')}`,
      '-days', '365', '-sha256', '-extfile', 'leaf.ext', '-out', 'leaf.crt']);
    return { certificatePem: await readFile(join(dir, 'leaf.crt'), 'utf8'), keyPem: await readFile(join(dir, 'leaf.key'), 'utf8') };
  });
}

export const issueServing = (authority: KeyPair): Promise<KeyPair> =>
  issue(authority, '/CN=kube-apiserver', 'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,IP:127.0.0.1,IP:::1');

export const issueClient = (authority: KeyPair, userName: string): Promise<KeyPair> =>
  issue(authority, `/CN=${userName.replace(/[/\\]/g, '')}`, 'extendedKeyUsage=clientAuth');
