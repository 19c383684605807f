// The radar's desktop notices: off unless turned on; the first scan counts what it finds, each next
// scan only what the scans before did not find (or could not see); counts and the window only,
// never a name; the memory bounded by the last scan's problems.
import { describe, expect, it } from 'vitest';
import { RadarReportSchema, type ContextRow, type ExpiryRow, type RadarCell, type RadarReport } from '../../shared/radar-contract';
import { createPreferences } from '../../main/preferences/preferences';
import { createRadarNotices, type RadarNotice } from '../../main/radar/notices';
import type { SettingsFile } from '../../main/settings/settings-file';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const cell = (namespace: string, worst: RadarCell['worst']): RadarCell => ({ context: 'prod', namespace, registry: 'x.example', worst, workloads: 1, secrets: 1, unread: [] });
const expiry = (namespace: string, state: ExpiryRow['state']): ExpiryRow => ({ what: 'jwt', registry: 'x.example', username: 'robot', context: 'prod', namespace, secret: `${namespace}-pull`, expiresAt: new Date(NOW).toISOString(), state, source: 'jwt-exp' });
const context = (state: ContextRow['state'], refused: { resource: string; namespace?: string }[] = [], readByNamespace: ContextRow['readByNamespace'] = []): ContextRow => ({
  context: 'prod',
  state: refused.length > 0 ? 'partial' : state,
  error: state === 'failed' ? { code: 'cluster.unreachable', message: 'unreachable' } : null,
  refused: refused.map((refusal) => ({ ...refusal, error: { code: 'cluster.forbidden', message: 'forbidden' } })),
  readByNamespace,
  apiRequests: 1,
});
const report = (cells: RadarCell[], expiries: ExpiryRow[], contexts: ContextRow[] = []): RadarReport =>
  RadarReportSchema.parse({ generatedAt: new Date(NOW).toISOString(), pullSecrets: [], workloads: [], checks: [], findings: [], registryRequests: 0, contexts, cells, expiries });

function recorder(enabled: { on: boolean }, language: 'en' | 'zh-CN' = 'en') {
  const shown: RadarNotice[] = [];
  return { shown, notices: createRadarNotices({ enabled: () => enabled.on, language: () => language, notify: (notice) => shown.push(notice) }) };
}

describe('desktop notices of what a radar scan finds anew', () => {
  it('shows nothing while off, and nothing when the scan finds nothing new', () => {
    const enabled = { on: false };
    const { shown, notices } = recorder(enabled);
    notices(report([cell('a', 'fail')], [expiry('a', 'soon')]), 14);
    expect(shown).toEqual([]);
    enabled.on = true;
    // Already seen by the scan before, while notices were off: not new.
    notices(report([cell('a', 'fail')], [expiry('a', 'soon')]), 14);
    expect(shown).toEqual([]);
  });

  it('counts only what is newly failing, at risk, expired or ending within the window', () => {
    const { shown, notices } = recorder({ on: true });
    notices(report([cell('a', 'fail'), cell('b', 'pass')], [expiry('a', 'valid')]), 14);
    expect(shown).toEqual([{ title: 'Fleet radar: new problems', body: 'Cells newly failing or at risk: 1.' }]);
    notices(report([cell('a', 'fail'), cell('b', 'warn'), cell('c', 'unknown')], [expiry('a', 'soon'), expiry('c', 'expired')]), 7);
    expect(shown[1]).toEqual({ title: 'Fleet radar: new problems', body: 'Cells newly failing or at risk: 1. Logins newly expired or ending within 7 days: 2.' });
    expect(JSON.stringify(shown)).not.toMatch(/prod|x\.example|robot|-pull/);
  });

  it('tells each problem once while scans keep finding it, or cannot see where it was; once more after it was fixed and broke again', () => {
    const { shown, notices } = recorder({ on: true });
    notices(report([cell('a', 'fail')], [expiry('a', 'soon')]), 14);
    expect(shown).toHaveLength(1);
    // A re-scan that could not read namespace a, then one where the context was down: not fixed, only unseen.
    notices(report([], [], [context('read', [{ resource: 'secrets', namespace: 'a' }])]), 14);
    notices(report([], [], [context('failed')]), 14);
    notices(report([cell('a', 'fail')], [expiry('a', 'soon')]), 14);
    expect(shown).toHaveLength(1);
    // The same login now ended is a new problem: told once more.
    notices(report([cell('a', 'fail')], [expiry('a', 'expired')]), 14);
    expect(shown[1]).toEqual({ title: 'Fleet radar: new problems', body: 'Logins newly expired or ending within 14 days: 1.' });
    // Fixed (a scan that read everything found nothing), then broken again: new again.
    notices(report([], [], [context('read')]), 14);
    notices(report([cell('a', 'fail')], []), 14);
    expect(shown[2]).toEqual({ title: 'Fleet radar: new problems', body: 'Cells newly failing or at risk: 1.' });
  });

  it('remembers no more than the last scan found, however many re-scans find different problems', () => {
    const { notices } = recorder({ on: true });
    for (let scan = 0; scan < 500; scan += 1) notices(report([cell(`ns-${scan}`, 'fail'), cell(`ns-${scan}-b`, 'warn')], [expiry(`ns-${scan}`, 'soon')], [context('read')]), 14);
    expect(notices.remembered()).toBe(3);
    // Where the last scan could not see, what was found there before is kept too (and only that).
    notices(report([cell('other', 'fail')], [], [context('read', [{ resource: 'pods', namespace: 'ns-499' }])]), 14);
    expect(notices.remembered()).toBe(1 + 2);
  });

  it('keeps nothing a team’s everyday partial read did see: a kind refused cluster-wide but read in its namespaces', () => {
    const { notices } = recorder({ on: true });
    const namespaces = ['team-a', 'team-b'];
    for (let scan = 0; scan < 50; scan += 1) {
      const cells = namespaces.map((namespace) => ({ ...cell(namespace, 'fail'), registry: `registry-${scan}.example` }));
      notices(report(cells, [], [context('read', [{ resource: 'pods' }], [{ resource: 'pods', namespaces }])]), 14);
    }
    expect(notices.remembered()).toBe(2);
    // A namespace it could not read this time keeps what was found in it.
    notices(report([], [], [context('read', [{ resource: 'pods' }], [{ resource: 'pods', namespaces: ['team-a'] }])]), 14);
    expect(notices.remembered()).toBe(1);
  });

  it('speaks the chosen language', () => {
    const { shown, notices } = recorder({ on: true }, 'zh-CN');
    notices(report([], [expiry('a', 'soon')]), 14);
    expect(shown).toEqual([{ title: '集群雷达：发现新问题', body: '新过期或将在 14 天内到期的登录：1 个。' }]);
  });
});

describe('the notices preference', () => {
  it('survives the language picker, which sends only the language', async () => {
    let file = { preferences: { language: null } } as unknown as SettingsFile;
    const preferences = createPreferences({ path: 'settings.json', read: () => file, update: (change) => (file = change(file)) });
    await preferences.set({ language: null, radarNotifications: true });
    expect(await preferences.set({ language: 'zh-CN' })).toEqual({ language: 'zh-CN', radarNotifications: true });
  });
});
