// Import rings make modules load half-initialised and tie capabilities together; type-only imports
// count too (see test/support/import-graph.ts).
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph as readGraph } from '../support/import-graph';

const root = resolve(import.meta.dirname, '../..');
const SOURCE_FOLDERS = ['main', 'preload', 'renderer', 'shared'];
const importGraph = () => readGraph(root, SOURCE_FOLDERS);

/** Tarjan's strongly connected components: every component larger than one file is a ring. */
function rings(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(relative(root, member));
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the import graph of main, preload, renderer and shared', () => {
  it('reads the imports of every source file', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(join(root, 'renderer/data/navigation.ts'))).toContain(join(root, 'renderer/data/screen-ids.ts'));
  });

  it('has no import rings, type-only imports included', () => {
    expect(rings(importGraph())).toEqual([]);
  });
});
