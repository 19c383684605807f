import type { RadarReport } from './radar-contract';
import { RadarReportSchema } from './radar-contract';

// The radar's report as files for people and spreadsheets. The report holds registries, users,
// digests and reasons, never a password: the JSON is the report as the contract defines it
// (unknown fields dropped by the schema), the CSV one line per fact.

/** The report exactly as its schema has it: a field the contract does not name never reaches the file. */
export function radarReportJson(report: RadarReport): string {
  return `${JSON.stringify(RadarReportSchema.parse(report), null, 2)}\n`;
}

export const RADAR_CSV_COLUMNS = ['section', 'context', 'namespace', 'registry', 'subject', 'image', 'state', 'reason', 'expires_at', 'detail'] as const;
type CsvRow = Record<(typeof RADAR_CSV_COLUMNS)[number], string>;

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** One CSV cell: text a spreadsheet would run is prefixed with `'`; quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = value !== '' && FORMULA_START.has(value[0]!) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (fields: Partial<CsvRow> & Pick<CsvRow, 'section' | 'context'>): CsvRow => ({ namespace: '', registry: '', subject: '', image: '', state: '', reason: '', expires_at: '', detail: '', ...fields });
const paramsText = (params: Record<string, string | number>) => Object.entries(params).map(([key, value]) => `${key}=${value}`).join('; ');

function csvRows(report: RadarReport): CsvRow[] {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  return [
    // A context not read at all says why in words as well as by code: its matrix row holds nothing else.
    ...report.contexts.map((context) => row({ section: 'context', context: context.context, state: context.state, reason: context.error?.code ?? '', detail: [...(context.error ? [context.error.message] : []), ...context.refused.map((refusal) => `${refusal.resource}${refusal.namespace === undefined ? '' : ` in ${refusal.namespace}`}: ${refusal.error.code}`)].join('; ') })),
    ...report.workloads.flatMap((workload) =>
      workload.containers.map((container) => {
        const check = checks.get(container.check);
        const subject = `${workload.kind}/${workload.name} ${container.kind}:${container.name}`;
        return row({ section: 'workload', context: workload.context, namespace: workload.namespace, registry: check?.registry ?? '', subject, image: container.image, state: check?.verdict ?? 'unknown', reason: check?.reason.code ?? '', detail: check ? paramsText(check.reason.params) : '' });
      }),
    ),
    ...report.pullSecrets.map((secret) =>
      row({ section: 'pull-secret', context: secret.context, namespace: secret.namespace, registry: secret.entries.map((entry) => entry.key).join(' '), subject: secret.name, state: secret.maker, reason: secret.unparsable ?? '', detail: `users: ${secret.entries.map((entry) => entry.username).join(' ')}; used by: ${secret.referencedBy.map((reference) => `${reference.kind}/${reference.name}`).join(' ')}` }),
    ),
    ...report.expiries.map((expiry) =>
      row({ section: 'expiry', context: expiry.context ?? '', namespace: expiry.namespace ?? '', registry: expiry.registry, subject: expiry.secret ?? expiry.savedAs ?? expiry.what, state: expiry.state, reason: expiry.what, expires_at: expiry.expiresAt ?? '', detail: `user: ${expiry.username ?? ''}; source: ${expiry.source}` }),
    ),
    ...report.workstationPlainText.map(({ registry, files }) => row({ section: 'workstation', context: '', registry, state: 'warn', reason: 'plainText', detail: files.join('; ') })),
    ...report.findings.map((finding) => row({ section: 'finding', context: finding.context, namespace: finding.namespace, registry: String(finding.params.registry ?? ''), subject: String(finding.params.secret ?? ''), state: finding.tone, reason: finding.code, detail: paramsText(finding.params) })),
  ];
}

/** The report as CSV (RFC 4180, CRLF line ends), each cell safe to open in a spreadsheet. */
export function radarReportCsv(report: RadarReport): string {
  const lines = [RADAR_CSV_COLUMNS.join(','), ...csvRows(RadarReportSchema.parse(report)).map((fields) => RADAR_CSV_COLUMNS.map((column) => csvCell(fields[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
