// The radar's TLS-certificate rows for registries no workload pulls from: Debian's docker-registry
// over TLS named only in a cluster's pull secret (its certificate ends in 3 days), another saved only
// in Registry Desk, and two that cannot be read (a closed port, a registry without TLS), which stay
// unknown with their reason. The clock is moved by the test, not by waiting; a second scan does not
// shake hands again with a registry whose certificate it read.
import { X509Certificate, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpiryRow, RadarReport } from '../../shared/radar-contract';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { closedPort } from '../support/closed-port';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { certificateEndpoints, createCertificateExpiries } from '../../main/radar/certificate-expiries';

const DAY = 86_400_000;
const START = new Date();
const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pullSecret = (name: string, hosts: string[]) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: Object.fromEntries(hosts.map((host) => [host, { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) }])) })) },
});

let inSecret: RunningDockerRegistry;
let saved: RunningDockerRegistry;
let plain: RunningDockerRegistry;
let kube: KubeApiServer;
let app: AccessFixture;
let closed: string;
let now = START;
let report: RadarReport;
const ends: Record<string, string> = {};
/** Every dial the app makes, as host:port (the connection network's connectTo sees each). */
const dials: string[] = [];

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const soon = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'], days: 3 });
  const later = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'], days: 60 });
  [inSecret, saved, plain] = await Promise.all([startDockerRegistry({ tls: soon, users: { alice: PASSWORD } }), startDockerRegistry({ tls: later, users: { alice: PASSWORD } }), startDockerRegistry({ users: { alice: PASSWORD } })]);
  ends[inSecret.address] = new Date(new X509Certificate(soon.certificate).validTo).toISOString();
  ends[saved.address] = new Date(new X509Certificate(later.certificate).validTo).toISOString();
  closed = `127.0.0.1:${await closedPort()}`;
  kube = await startKubeApiServer({});
  kube.seed.namespace('shop');
  kube.seed.secret('shop', pullSecret('regcred', [inSecret.address, closed, plain.address]));
  app = createAccessFixture({
    keychainService: `registry-desk-radar-certs-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfigFor([{ name: 'prod', server: kube }])],
    clock: { now: () => now },
    connectionNetwork: { systemRoots: [ca.certificate], connectTo: (host, port) => (dials.push(`${host}:${port}`), undefined) },
  });
  await app.services.registries.create({ type: 'other', name: 'Saved only', url: saved.address, username: 'alice', password: PASSWORD, connection: 'secure-with-ca', caCertificate: ca.certificate });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([inSecret?.stop(), saved?.stop(), plain?.stop(), kube?.stop()]);
});

const certificateRow = (from: RadarReport, registry: string): ExpiryRow | undefined => from.expiries.find((row) => row.what === 'tls-certificate' && row.registry === registry);

describe('the radar dates the TLS certificate of every registry a login is seen for', () => {
  it('reads the certificate of a registry named only in a pull secret: its end to the second, 3 days away', () => {
    expect(report.workloads).toEqual([]);
    expect(certificateRow(report, inSecret.address)).toEqual({ what: 'tls-certificate', registry: inSecret.address, username: null, context: null, namespace: null, secret: null, expiresAt: ends[inSecret.address], state: 'soon', source: 'certificate' });
  });

  it('reads the certificate of a registry saved only in Registry Desk', () => {
    expect(certificateRow(report, saved.address)).toMatchObject({ expiresAt: ends[saved.address], state: 'valid', source: 'certificate' });
  });

  it('says unknown with the reason where the certificate cannot be read, never a date', () => {
    expect(certificateRow(report, closed)).toMatchObject({ expiresAt: null, state: 'unknown', source: 'certificate-refused' });
    expect(certificateRow(report, plain.address)).toMatchObject({ expiresAt: null, state: 'unknown', source: 'certificate-no-tls' });
  });

  it('shows the certificate in the cell of the secret that logs in there', () => {
    const cell = report.cells.find((entry) => entry.context === 'prod' && entry.namespace === 'shop' && entry.registry === inSecret.address);
    expect(cell).toMatchObject({ secrets: 1, workloads: 0 });
  });

  it('moves on with the clock (4 days later the secret-only registry’s certificate has ended) without a second handshake', async () => {
    const savedDials = () => dials.filter((dial) => dial === saved.address).length;
    // Each scan asks a saved login's registry once whether it is a Harbor (for its robots' end): one dial
    // per scan besides the first scan's certificate handshake, which is not made again.
    const before = savedDials();
    expect(before).toBe(2);
    now = new Date(START.getTime() + 4 * DAY);
    const later = await app.services.radar.scan({ expiryWindowDays: 14 });
    expect(certificateRow(later, inSecret.address)).toMatchObject({ expiresAt: ends[inSecret.address], state: 'expired' });
    expect(certificateRow(later, saved.address)).toMatchObject({ expiresAt: ends[saved.address], state: 'valid' });
    expect(savedDials()).toBe(before + 1);
    // A registry that could not be read is asked again.
    expect(certificateRow(later, closed)).toMatchObject({ state: 'unknown', source: 'certificate-refused' });
    now = START;
  });
});

describe('which hosts are asked, and how many', () => {
  it('asks a saved registry’s own address and every parsable host once, never plain HTTP or a kubelet glob', () => {
    const saved = [{ url: 'http://plain.corp:5000' }, { url: 'https://saved.corp' }] as Parameters<typeof certificateEndpoints>[1];
    const endpoints = certificateEndpoints(['saved.corp', '*.example.com', 'foo bar', 'ghcr.io', 'docker.io'], saved, (domain) => new URL(`https://${domain === 'docker.io' ? 'registry-1.docker.io' : domain}/v2/`));
    expect(endpoints.map((url) => url.host)).toEqual(['saved.corp', 'ghcr.io', 'registry-1.docker.io']);
  });

  it('shakes hands with at most maxHosts per scan: the rest are unknown, not asked', async () => {
    const [first, second] = [`127.0.0.1:${await closedPort()}`, `127.0.0.1:${await closedPort()}`];
    const rows = await createCertificateExpiries({ network: {}, maxHosts: 1 })([new URL(`https://${first}/v2/`), new URL(`https://${second}/v2/`)], START, 14);
    expect(rows.map(({ registry, state, source }) => ({ registry, state, source })).sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { registry: second, state: 'unknown', source: 'certificate-not-asked' },
      { registry: first, state: 'unknown', source: 'certificate-refused' },
    ]);
  });
});
