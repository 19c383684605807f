import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownTimeElements, rendererLayerViolations } from '../support/renderer-layers';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(import.meta.dirname, 'fixtures/renderer-layers');

describe('the renderer layers: ui/, data/, features/<screen>/, app/', () => {
  it('holds in the renderer', () => {
    expect(rendererLayerViolations(root)).toEqual([]);
  });

  it('fails on a feature that imports another feature, and on a kit that imports data or a feature, naming the rule', () => {
    expect(rendererLayerViolations(fixture).sort()).toEqual([
      'renderer/features/doctor/doctor-screen.ts → renderer/features/access/access-screen.ts: features: a screen imports ui/, data/, api/, i18n/ and shared/, never another feature',
      'renderer/ui/button.ts → renderer/data/contexts.ts: ui: the kit imports only shared/ and i18n/, never data/ or a feature',
      'renderer/ui/button.ts → renderer/features/access/access-screen.ts: ui: the kit imports only shared/ and i18n/, never data/ or a feature',
    ]);
  });
});

describe('times in the renderer', () => {
  it('show through the kit (renderer/ui/time), never a <time> a screen writes itself', () => {
    expect(ownTimeElements(root)).toEqual([]);
  });

  it('finds a <time> a screen writes itself', () => {
    expect(ownTimeElements(fixture)).toEqual(['renderer/features/doctor/last-seen.tsx']);
  });
});
