// The radar matrix's filters, which live in the renderer's pure view (radar-view.ts): by registry
// (only that column, each row's colour from the cells shown), by expiry window (only namespaces
// with a login ended or ending within it, on the chosen registry; an undated one never counts),
// and problems first / only / all by name.
import { describe, expect, it } from 'vitest';
import { RadarReportSchema, type ExpiryRow, type RadarCell, type RadarReport } from '../../shared/radar-contract';
import { matrixRows, registryColumns, type RadarFilters } from '../../renderer/features/radar/radar-view';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const X = 'x.example:5000';
const Y = 'y.example';
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

const cell = (namespace: string, registry: string, worst: RadarCell['worst']): RadarCell => ({ context: 'prod', namespace, registry, worst, workloads: 1, secrets: 1, unread: [] });
/** A pull secret's JWT login in `namespace` of prod, ending at `expiresAt` (null: undated). */
const expiry = (namespace: string, registry: string, expiresAt: string | null, state: ExpiryRow['state']): ExpiryRow =>
  ({ what: 'jwt', registry, username: 'robot', context: 'prod', namespace, secret: `${namespace}-pull`, expiresAt, state, source: expiresAt ? 'jwt-exp' : 'unknown' });

const nothingElse = { generatedAt: new Date(NOW).toISOString(), pullSecrets: [], workloads: [], checks: [], findings: [], registryRequests: 0, contexts: [{ context: 'prod', state: 'read', error: null, refused: [], apiRequests: 10 }] };
// a: fails on Y, fine on X, its X login ends in 3 days; b: warns on X, login on Y ends in 20 days;
// c: fine on X, its login undated; d: fine on Y, its Y login ended yesterday; e: only Y, fine.
const report: RadarReport = RadarReportSchema.parse({
  ...nothingElse,
  cells: [cell('a', X, 'pass'), cell('a', Y, 'fail'), cell('b', X, 'warn'), cell('c', X, 'pass'), cell('d', Y, 'pass'), cell('e', Y, 'pass')],
  expiries: [expiry('a', X, at(3), 'soon'), expiry('b', Y, at(20), 'valid'), expiry('c', X, null, 'unknown'), expiry('d', Y, at(-1), 'expired')],
});

const filters = (change: Partial<RadarFilters>): RadarFilters => ({ show: 'all', registry: '', windowDays: null, ...change });
const rows = (change: Partial<RadarFilters>) => matrixRows(report, filters(change), NOW).map((row) => `${row.namespace}:${row.worst}:${[...row.cells.keys()].join('+')}`);

describe('the radar matrix filters', () => {
  it('shows every registry as a column, or only the chosen one', () => {
    expect(registryColumns(report, '')).toEqual([X, Y]);
    expect(registryColumns(report, Y)).toEqual([Y]);
    expect(registryColumns(report, 'nowhere.example')).toEqual([]);
  });

  it('keeps, by registry, only the namespaces with a cell there, coloured by the cells shown', () => {
    expect(rows({})).toEqual([`a:fail:${X}+${Y}`, `b:warn:${X}`, `c:pass:${X}`, `d:pass:${Y}`, `e:pass:${Y}`]);
    // a fails on Y only: with X chosen it is fine.
    expect(rows({ registry: X })).toEqual([`a:pass:${X}`, `b:warn:${X}`, `c:pass:${X}`]);
    expect(rows({ registry: Y })).toEqual([`a:fail:${Y}`, `d:pass:${Y}`, `e:pass:${Y}`]);
  });

  it('keeps, by expiry window, the namespaces with a login ended or ending within it; an undated login never', () => {
    expect(rows({ windowDays: 7 })).toEqual([`a:fail:${X}+${Y}`, `d:pass:${Y}`]);
    expect(rows({ windowDays: 30 })).toEqual([`a:fail:${X}+${Y}`, `b:warn:${X}`, `d:pass:${Y}`]);
    expect(rows({ windowDays: 365 }).some((row) => row.startsWith('c:'))).toBe(false);
  });

  it('combines the two: a window counts only the chosen registry’s expiries', () => {
    // b's login on Y ends in 20 days, but b is shown under X only: with X chosen, it drops out.
    expect(rows({ windowDays: 30, registry: X })).toEqual([`a:pass:${X}`]);
    expect(rows({ windowDays: 30, registry: Y })).toEqual([`d:pass:${Y}`]);
  });

  it('counts a registry-wide expiry (an uploaded CA, a saved login) for every namespace with a cell on that registry', () => {
    const caEnds = (days: number): ExpiryRow => ({ what: 'ca-certificate', registry: Y, username: null, context: null, namespace: null, secret: null, expiresAt: at(days), state: 'soon', source: 'certificate' });
    const withCa = (days: number) => RadarReportSchema.parse({ ...report, expiries: [caEnds(days)] });
    const shown = (days: number, change: Partial<RadarFilters>) => matrixRows(withCa(days), filters(change), NOW).map((row) => row.namespace);
    expect(shown(3, { windowDays: 7 })).toEqual(['a', 'd', 'e']);
    expect(shown(10, { windowDays: 7 })).toEqual([]);
    expect(shown(3, { windowDays: 7, registry: X })).toEqual([]);
  });

  it('orders problems first, shows only problems, or all by name', () => {
    expect(rows({ show: 'problems' }).map((row) => row[0])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rows({ show: 'problems', registry: X }).map((row) => row[0])).toEqual(['b', 'a', 'c']);
    expect(rows({ show: 'problemsOnly' }).map((row) => row[0])).toEqual(['a', 'b']);
    expect(rows({ show: 'problemsOnly', registry: X }).map((row) => row[0])).toEqual(['b']);
    expect(rows({ show: 'all', registry: X }).map((row) => row[0])).toEqual(['a', 'b', 'c']);
  });
});
