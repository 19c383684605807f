import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph } from '../support/import-graph';
import { forbiddenImports, rulesReachingUp } from '../support/import-rule-check';
import { MAIN_RULES } from '../support/import-rules';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(root, 'test/support/import-rules-fixture');

/** The import graph with paths relative to its root, as the rules name them. */
function relativeGraph(base: string, folders: string[]): Map<string, string[]> {
  return new Map([...importGraph(base, folders)].map(([from, targets]) => [relative(base, from), targets.map((target) => relative(base, target))]));
}

describe('which folders each folder may import', () => {
  it('holds for main, preload, renderer and shared', () => {
    const graph = relativeGraph(root, ['main', 'preload', 'renderer', 'shared']);
    expect(graph.get('main/composition.ts')).toContain('main/access/index.ts');
    expect(forbiddenImports(graph, MAIN_RULES)).toEqual([]);
  });

  it("is the architecture page's map of main's layers, folder for folder", () => {
    const readme = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const mapped = [...readme.matchAll(/^\| (base|lower|capability|root) \| (.+?) \|/gm)].flatMap(([, layer, folders]) =>
      [...folders!.matchAll(/`([^`]+?)\/?`/g)].map(([, folder]) => `${layer} main/${folder}`),
    );
    const ruled = MAIN_RULES.filter((rule) => rule.target.startsWith('main/')).map((rule) => `${rule.layer} ${rule.target}`);
    expect(mapped.sort()).toEqual(ruled.sort());
  });

  it('lets no layer reach up, and no capability into another capability past its public face', () => {
    expect(rulesReachingUp(MAIN_RULES)).toEqual([]);
  });

  it('fails on a forbidden import, naming the rule it breaks', () => {
    const messages = forbiddenImports(relativeGraph(fixture, ['main']), MAIN_RULES);
    expect(messages).toEqual([
      expect.stringMatching(/^main\/kube\/kube-api\.ts imports main\/access\/access-plans\.ts: the import rule for main\/kube \(lower layer\) allows only its own folder and shared\/\*\*, /),
      expect.stringMatching(/^main\/pull-doctor\/diagnosis\.ts imports main\/access\/access-plans\.ts: the import rule for main\/pull-doctor \(capability layer\) allows only .*main\/access(,|$)/),
    ]);
  });

  it('fails on a file no rule covers, and on a rule that reaches up', () => {
    expect(forbiddenImports(new Map([['main/unruled/poll.ts', []]]), MAIN_RULES)).toEqual([
      'main/unruled/poll.ts: no import rule covers this file (add one to test/support/import-rules.ts)',
    ]);
    const reachingUp = [...MAIN_RULES, { target: 'main/kube/watch', layer: 'lower' as const, allow: ['main/access', 'main/registries/**'], purpose: 'a broken rule' }];
    expect(rulesReachingUp(reachingUp)).toEqual(['main/kube/watch (lower) allows main/access (capability)', 'main/kube/watch (lower) allows main/registries/** (capability)']);
  });
});
