import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real service-account key, as Google hands it out (pretty-printed, `\n` in the PEM). */
export function makeServiceAccountKey(overrides: Record<string, unknown> = {}): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = {
    type: 'service_account',
    project_id: 'registry-desk-test',
    private_key_id: 'f00dfeed',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: 'puller@registry-desk-test.iam.gserviceaccount.com',
    client_id: '1234567890',
    token_uri: 'https://oauth2.googleapis.com/token',
    ...overrides,
  };
  return JSON.stringify(key, null, 2);
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

// `openssl ca` is the OpenSSL 3.0 tool that can set past validity dates (for expired certificates).
const CA_CONFIG = `[ca]
default_ca = test
[test]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
`;

/** A private CA made with openssl: `basicConstraints=critical,CA:TRUE`, as TESTING.md describes. */
export function makeCertificateAuthority(options: { expired?: boolean; commonName?: string } = {}): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'registry-desk-ca-'));
  try {
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    openssl(['genrsa', '-out', 'ca.key', '2048'], dir);
    openssl(['req', '-new', '-key', 'ca.key', '-subj', `/CN=${options.commonName ?? 'Registry Desk Test CA'}`, '-out', 'ca.csr'], dir);
    const validity = options.expired ? ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z'] : ['-days', '365'];
    openssl(['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'ca.key', '-in', 'ca.csr', '-extensions', 'ca_ext', ...validity, '-out', 'ca.crt'], dir);
    const certificate = readFileSync(join(dir, 'ca.crt'), 'utf8');
    return { certificate: certificate.slice(certificate.indexOf('-----BEGIN CERTIFICATE-----')), privateKey: readFileSync(join(dir, 'ca.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SERVER_CA_CONFIG = `${CA_CONFIG}[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = @names
`;

const altName = (host: string, index: number) =>
  /^[\d.]+$/.test(host) || host.includes(':') ? `IP.${index} = ${host}` : `DNS.${index} = ${host}`;

/**
 * A TLS server certificate signed by `ca` (TESTING.md: SANs, `extendedKeyUsage=serverAuth`);
 * `expired` gives it validity dates in the past, as a forgotten renewal would.
 */
export function makeServerCertificate(
  ca: { certificate: string; privateKey: string },
  options: { hosts: string[]; expired?: boolean; days?: number },
): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'registry-desk-server-cert-'));
  try {
    const names = options.hosts.map((host, index) => altName(host, index + 1)).join('\n');
    writeFileSync(join(dir, 'ca.cnf'), `${SERVER_CA_CONFIG}[names]\n${names}\n`);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
    writeFileSync(join(dir, 'ca.crt'), ca.certificate);
    writeFileSync(join(dir, 'ca.key'), ca.privateKey);
    openssl(['genrsa', '-out', 'server.key', '2048'], dir);
    openssl(['req', '-new', '-key', 'server.key', '-subj', `/CN=${options.hosts[0]}`, '-out', 'server.csr'], dir);
    const validity = options.expired ? ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z'] : ['-days', String(options.days ?? 30)];
    openssl(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'server.csr', '-extensions', 'server_ext', ...validity, '-out', 'server.crt'], dir);
    const certificate = readFileSync(join(dir, 'server.crt'), 'utf8');
    return { certificate: certificate.slice(certificate.indexOf('-----BEGIN CERTIFICATE-----')), privateKey: readFileSync(join(dir, 'server.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A self-signed certificate and key a token server signs registry tokens with (the registry's rootcertbundle). */
export function makeTokenSigningCertificate(): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'registry-desk-token-signer-'));
  try {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.crt', '-days', '30', '-subj', '/CN=Registry Desk test token signer'], dir);
    return { certificate: readFileSync(join(dir, 'signer.crt'), 'utf8'), privateKey: readFileSync(join(dir, 'signer.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
