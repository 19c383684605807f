import { describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { csvCell, RADAR_CSV_COLUMNS, radarReportCsv, radarReportJson } from '../../shared/radar-report-files';

const SECRET = 'hunter2-password-never-exported';

/** A report as the engine builds it, plus fields the contract does not name (as a careless change might add). */
function report(): RadarReport {
  const leaky = {
    generatedAt: '2026-12-05T10:00:00.000Z',
    contexts: [{ context: '=cmd|calc', state: 'partial', error: null, refused: [{ resource: 'deployments', error: { code: 'cluster.forbidden', message: 'forbidden' } }, { resource: 'secrets', namespace: 'team-c', error: { code: 'cluster.forbidden', message: 'forbidden' } }], readByNamespace: [{ resource: 'secrets', namespaces: ['team-a'] }], apiRequests: 10 }],
    pullSecrets: [
      { context: 'prod', namespace: 'shop', name: 'regcred', type: 'kubernetes.io/dockerconfigjson', maker: 'by-hand', entries: [{ key: 'reg.example:5000', username: 'alice', password: SECRET, auth: Buffer.from(`alice:${SECRET}`).toString('base64') }], unparsable: null, referencedBy: [{ kind: 'Deployment', name: 'web' }], data: { '.dockerconfigjson': SECRET } },
    ],
    workloads: [
      { context: 'prod', namespace: 'shop', kind: 'Deployment', name: '=HYPERLINK("http://evil.example","click")', serviceAccount: 'default', pullSecrets: ['regcred'], architectures: ['amd64'], containers: [{ name: 'web', kind: 'regular', image: 'reg.example:5000/team/app:1', pullPolicy: 'IfNotPresent', running: [], check: 'c1' }] },
    ],
    checks: [{ id: 'c1', image: 'reg.example:5000/team/app:1', registry: 'reg.example:5000', verdict: 'fails', reason: { code: 'doctor.verdict.noEntry', params: { secrets: 'regcred', registry: 'reg.example:5000', keys: '-x, "quoted"' } }, digest: null, platforms: [], architectures: ['amd64'], password: SECRET }],
    expiries: [{ what: 'jwt', registry: 'ghcr.io', username: '@robot', context: 'prod', namespace: 'shop', secret: 'regcred', expiresAt: '2026-12-10T00:00:00.000Z', state: 'soon', source: 'jwt-exp', token: SECRET }],
    findings: [{ code: 'unused', tone: 'info', context: 'prod', namespace: 'shop', params: { secret: '+regcred' } }],
    workstationPlainText: [{ registry: 'reg.example:5000', files: ['-/home/op/.docker/config.json', '/home/op/.config/containers/auth.json'] }],
    cells: [{ context: 'prod', namespace: 'shop', registry: 'reg.example:5000', worst: 'fail', workloads: 1, secrets: 1 }],
    registryRequests: 2,
  };
  return leaky as unknown as RadarReport;
}

/** RFC 4180 reading, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const next = text[index + 1];
    if (quoted && char === '"' && next === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') quoted = !quoted;
    else if (quoted) cell += char;
    else if (char === ',') endCell();
    else if (char === '\r' && next === '\n') {
      endCell();
      rows.push(row);
      row = [];
      index += 1;
    } else cell += char;
  }
  return rows;
}

describe('the radar report as files', () => {
  it('never writes a password, a base64 login or a field the contract does not name', () => {
    const auth = Buffer.from(`alice:${SECRET}`).toString('base64');
    for (const text of [radarReportJson(report()), radarReportCsv(report())]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(auth);
    }
    const json = JSON.parse(radarReportJson(report())) as RadarReport;
    expect(Object.keys(json.pullSecrets[0]!.entries[0]!)).toEqual(['key', 'username']);
    expect(json.workloads[0]!.name).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('writes one CSV line per fact with the header first, every line the same width', () => {
    const rows = parseCsv(radarReportCsv(report()));
    expect(rows[0]).toEqual([...RADAR_CSV_COLUMNS]);
    expect(rows.map((row) => row[0])).toEqual(['section', 'context', 'workload', 'pull-secret', 'expiry', 'workstation', 'finding']);
    expect(rows[1]!.slice(2, 10)).toEqual(['', '', '', '', 'partial', '', '', 'deployments: cluster.forbidden; secrets in team-c: cluster.forbidden']);
    // A registry whose password sits in plain text on the workstation: the files, no password.
    expect(rows[5]!.slice(3, 10)).toEqual(['reg.example:5000', '', '', 'warn', 'plainText', '', "'-/home/op/.docker/config.json; /home/op/.config/containers/auth.json"]);
    for (const row of rows) expect(row).toHaveLength(RADAR_CSV_COLUMNS.length);
    const workload = Object.fromEntries(RADAR_CSV_COLUMNS.map((column, index) => [column, rows[2]![index]]));
    expect(workload).toMatchObject({ context: 'prod', namespace: 'shop', registry: 'reg.example:5000', image: 'reg.example:5000/team/app:1', state: 'fails', reason: 'doctor.verdict.noEntry' });
    expect(workload.detail).toBe('secrets=regcred; registry=reg.example:5000; keys=-x, "quoted"');
  });

  it('names a saved registry’s expiry row by its saved name', () => {
    const saved = report();
    saved.expiries = [{ what: 'ca-certificate', registry: 'harbor.corp:8443', username: null, context: null, namespace: null, secret: null, expiresAt: '2026-12-08T00:00:00.000Z', state: 'soon', source: 'certificate', savedAs: 'Harbor' }];
    const expiry = parseCsv(radarReportCsv(saved)).find((row) => row[0] === 'expiry')!;
    expect(Object.fromEntries(RADAR_CSV_COLUMNS.map((column, index) => [column, expiry[index]]))).toMatchObject({ context: '', registry: 'harbor.corp:8443', subject: 'Harbor', state: 'soon', reason: 'ca-certificate', expires_at: '2026-12-08T00:00:00.000Z' });
  });

  it('writes a context it could not read with its reason, code and words', () => {
    const failed = { ...report(), contexts: [{ context: 'gone', state: 'failed', error: { code: 'cluster.unreachable', message: 'The API server of "gone" cannot be reached: connect ECONNREFUSED 127.0.0.1:1' }, refused: [], readByNamespace: [], apiRequests: 0 }] } as RadarReport;
    const rows = parseCsv(radarReportCsv(failed));
    expect(rows[1]).toEqual(['context', 'gone', '', '', '', '', 'failed', 'cluster.unreachable', '', 'The API server of "gone" cannot be reached: connect ECONNREFUSED 127.0.0.1:1']);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const rows = parseCsv(radarReportCsv(report()));
    expect(rows[1]![1]).toBe("'=cmd|calc");
    expect(rows[2]![4]).toBe('Deployment/=HYPERLINK("http://evil.example","click") regular:web');
    expect(rows[4]![9]).toBe("user: @robot; source: jwt-exp");
    expect(rows[6]![4]).toBe("'+regcred");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('quotes commas, quotes and line breaks, and prefixes = + - @ tab and carriage return', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('')).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const start of ['=', '+', '-', '@', '\t']) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('\r1')).toBe(`"'\r1"`);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('a=b')).toBe('a=b');
  });
});
