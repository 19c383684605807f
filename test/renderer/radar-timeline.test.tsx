// @vitest-environment happy-dom
// The radar's expiry timeline: what breaks at the next restart first (pods alive only on the
// node's copy, a login that ended under running workloads), then every dated expiry by date, and
// over any time the logins nobody can date last, said "unknown"; the window filter keeps only the
// dated ones inside it.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RadarReportSchema, type ExpiryRow, type RadarReport } from '../../shared/radar-contract';
import { ExpiryTimeline } from '../../renderer/features/radar/ExpiryTimeline';
import { useRadarStore } from '../../renderer/features/radar/radar-store';
import { timeline, type TimelineEntry } from '../../renderer/features/radar/radar-view';

afterEach(cleanup);

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REGISTRY = 'registry.example:5000';
const at = (offset: number) => new Date(NOW + offset).toISOString();
const check = (id: string, verdict: string) => ({ id, image: `${REGISTRY}/team/${id}:1`, registry: REGISTRY, verdict, reason: { code: 'radar.verdict.pulls', params: {} }, digest: null, platforms: [], architectures: ['amd64'] });
const workload = (kind: string, name: string, pullSecrets: string[], checkId: string) => ({
  context: 'prod',
  namespace: 'shop',
  kind,
  name,
  serviceAccount: 'default',
  pullSecrets,
  architectures: ['amd64'],
  containers: [{ name, kind: 'regular', image: `${REGISTRY}/team/${checkId}:1`, pullPolicy: 'IfNotPresent', running: [], check: checkId }],
});
const secretExpiry = (secret: string, what: ExpiryRow['what'], expiresAt: string | null, state: ExpiryRow['state']): ExpiryRow => ({
  what,
  registry: REGISTRY,
  username: 'robot',
  context: 'prod',
  namespace: 'shop',
  secret,
  expiresAt,
  state,
  source: expiresAt ? 'jwt-exp' : 'unknown',
});

// In the report's own order, which is not the timeline's: undated first, the latest before the earliest.
const report: RadarReport = RadarReportSchema.parse({
  generatedAt: new Date(NOW).toISOString(),
  contexts: [{ context: 'prod', state: 'read', error: null, refused: [], apiRequests: 10 }],
  pullSecrets: [],
  workloads: [workload('Deployment', 'web', ['ecr'], 'web'), workload('ReplicaSet', 'legacy', [], 'legacy')],
  checks: [check('web', 'pulls'), check('legacy', 'cached-only')],
  expiries: [
    secretExpiry('ecr-unmarked', 'ecr-token', null, 'unknown'),
    secretExpiry('hub', 'jwt', at(5 * DAY), 'soon'),
    { what: 'tls-certificate', registry: REGISTRY, username: null, context: null, namespace: null, secret: null, expiresAt: at(2 * DAY), state: 'soon', source: 'certificate' },
    secretExpiry('old-robot', 'jwt', at(-2 * DAY), 'expired'),
    secretExpiry('ecr', 'ecr-token', at(-HOUR), 'expired'),
  ],
  findings: [],
  cells: [],
  registryRequests: 2,
});

const label = (entry: TimelineEntry) => (entry.kind !== 'expiry' ? `${entry.kind} ${entry.workload.name}` : `${entry.expiry.secret ?? entry.expiry.what}${entry.restartFails ? ' (restart fails)' : ''}`);

describe('the expiry timeline', () => {
  it('puts "next restart fails" first, then every dated expiry by time, then the undated', () => {
    expect(timeline(report, NOW, null, '').map(label)).toEqual(['cached legacy', 'ecr (restart fails)', 'old-robot', 'tls-certificate', 'hub', 'ecr-unmarked']);
  });

  it('keeps only the dated expiries inside the window (ended ones included)', () => {
    expect(timeline(report, NOW, 14, '').map(label)).toEqual(['cached legacy', 'ecr (restart fails)', 'old-robot', 'tls-certificate', 'hub']);
    expect(timeline(report, NOW, 3, '').map(label)).toEqual(['cached legacy', 'ecr (restart fails)', 'old-robot', 'tls-certificate']);
    expect(timeline(report, NOW, null, 'elsewhere.example').map(label)).toEqual([]);
  });

  it('names who breaks: the workloads naming the secret, or every workload on the certificate’s registry', () => {
    const entries = timeline(report, NOW, null, '');
    const affects = Object.fromEntries(entries.flatMap((entry) => (entry.kind === 'expiry' ? [[entry.expiry.secret ?? entry.expiry.what, entry.affects]] : [])));
    expect(affects).toMatchObject({ ecr: ['Deployment/web'], 'old-robot': [], 'tls-certificate': ['prod/shop/Deployment/web', 'prod/shop/ReplicaSet/legacy'], 'ecr-unmarked': [] });
  });

  it('shows the order on screen, the restart badge on the first two, and says unknown for the undated', () => {
    useRadarStore.setState({ filters: { show: 'problems', registry: '', windowDays: null } });
    render(<ExpiryTimeline report={report} />);
    const items = within(screen.getByTestId('radar-timeline')).getAllByTestId('timeline-entry');
    expect(items.map((item) => item.getAttribute('data-restart-fails'))).toEqual(['true', 'true', 'false', 'false', 'false', 'false']);
    expect(items[0]?.textContent).toContain('Next restart fails');
    expect(items[1]?.textContent).toContain('ECR token for registry.example:5000 in ecr, shop (prod)');
    const last = items.at(-1)!;
    expect(last.textContent).toContain('ecr-unmarked');
    expect(within(last).getByTestId('expiry').textContent).toContain('End unknown');
    expect(last.textContent).toContain('not knowable from the secret: unknown rather than a guess');
  });

  it('puts running pods that pull again at every start and whose pull fails now first, with their own sentence', () => {
    const running = (name: string, pullPolicy: string, pods: string[]) => {
      const row = workload('Deployment', name, [], name);
      return { ...row, containers: [{ ...row.containers[0]!, pullPolicy, running: pods }] };
    };
    const failing = RadarReportSchema.parse({
      ...report,
      workloads: [...report.workloads, running('always', 'Always', [`${REGISTRY}/team/always@sha256:${'a'.repeat(64)}`]), running('stopped', 'Always', [])],
      checks: [...report.checks, check('always', 'fails'), check('stopped', 'fails')],
    });
    // "stopped" runs nothing: its failure is the matrix's, not a restart to come.
    expect(timeline(failing, NOW, null, '').map(label)).toEqual(['pullFails always', 'cached legacy', 'ecr (restart fails)', 'old-robot', 'tls-certificate', 'hub', 'ecr-unmarked']);
    expect(timeline(failing, NOW, null, 'elsewhere.example').map(label)).toEqual([]);
    useRadarStore.setState({ filters: { show: 'problems', registry: '', windowDays: null } });
    render(<ExpiryTimeline report={failing} />);
    const first = within(screen.getByTestId('radar-timeline')).getAllByTestId('timeline-entry')[0]!;
    expect([first.getAttribute('data-restart-fails'), first.textContent]).toEqual(['true', expect.stringContaining(`Deployment/always in shop (prod) runs ${REGISTRY}/team/always:1, which is pulled again at every start, and that pull fails now.`)]);
    expect(first.textContent).toContain('Next restart fails');
    cleanup();
  });

  it('shows Registry Desk’s own logins and uploaded CAs by their saved name, affecting no cluster workload', () => {
    cleanup();
    const own = (what: ExpiryRow['what'], expiresAt: string, source: string): ExpiryRow => ({ what, registry: REGISTRY, username: null, context: null, namespace: null, secret: null, expiresAt, state: 'soon', source, savedAs: 'Team registry' });
    const saved = RadarReportSchema.parse({ ...report, expiries: [own('ca-certificate', at(3 * DAY), 'certificate'), own('jwt', at(5 * DAY), 'saved-password'), { ...own('harbor-robot', at(7 * DAY), 'harbor-api'), username: 'robot$desk' }] });
    expect(timeline(saved, NOW, null, '').flatMap((entry) => (entry.kind === 'expiry' ? [entry.affects] : []))).toEqual([[], [], []]);
    useRadarStore.setState({ filters: { show: 'problems', registry: '', windowDays: null } });
    render(<ExpiryTimeline report={saved} />);
    const items = within(screen.getByTestId('radar-timeline')).getAllByTestId('timeline-entry').filter((item) => item.getAttribute('data-restart-fails') === 'false');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Uploaded CA certificate for registry.example:5000 saved in Registry Desk as Team registry'),
      expect.stringContaining('Token (JWT) for registry.example:5000 saved in Registry Desk as Team registry'),
      expect.stringContaining('Harbor robot account for registry.example:5000 saved in Registry Desk as Team registry'),
    ]);
    expect(items[1]?.textContent).toContain('from the saved password’s exp claim');
    expect(items[0]?.textContent).toContain('No workload names it.');
  });
});
