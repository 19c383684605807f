import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeClassesIn, kitTones, rawBadges, strayBadgeRules } from '../support/badge-classes';

const root = resolve(import.meta.dirname, '../..');

describe("one badge on every screen: the kit's Badge and its tones", () => {
  it('is the only way a screen draws a badge', () => {
    expect(rawBadges(root)).toEqual([]);
  });

  it("leaves the renderer's CSS no badge colours beside the kit's tones", () => {
    const tones = kitTones(root);
    expect(tones).toEqual(['ok', 'info', 'warn', 'error', 'neutral', 'change', 'remove']);
    expect(strayBadgeRules(root, tones)).toEqual([]);
  });

  it('finds a badge drawn by class, however its class list is written, and nothing else', () => {
    const screen = [
      '<span className="badge state-bad">3</span>',
      "<span className={`badge ${ok ? 'state-ok' : 'state-error'}`}>x</span>",
      '<li className={`badge state-${toneOf(key)}`} />',
      "export const TONE: Record<string, string> = { pass: 'state-ok' };",
      '<span className="badge badge-warning">⚠</span>',
      "<span className={result.ok ? 'connection-badge-ok' : 'x'}>",
      "// a context's badge carries the worst state-bad",
      '/* "badge state-ok" */',
      '<div className="badges doctor-badges" data-testid="context-badge" data-state={state} />',
      "import { emptyStateCounts } from './state-counts';",
    ].join('\n');
    expect(badgeClassesIn(screen)).toEqual([
      '1: badge',
      '1: state-bad',
      '2: badge',
      '2: state-ok',
      '2: state-error',
      '3: badge',
      '3: state-$',
      '4: state-ok',
      '5: badge',
      '5: badge-warning',
      '6: connection-badge-ok',
    ]);
  });
});
