// The renderer's layers and which of them each may import: the kit and the shared state sit below
// the screens, so a new screen builds on them instead of reaching into another screen.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

interface LayerRule {
  /** The rule's name, as a failure message says it. */
  name: string;
  /** Layers this one may import, besides itself; `feature` means the importing feature's own folder only. */
  mayImport: string[];
}

/** Folders outside renderer/ that renderer code may import. */
const OUTSIDE = ['shared'];

export const RENDERER_LAYER_RULES: Record<string, LayerRule> = {
  api: { name: 'api: the call to main imports only shared/', mayImport: [] },
  i18n: { name: 'i18n: translation and the language preference import only shared/ and api/', mayImport: ['api'] },
  ui: { name: 'ui: the kit imports only shared/ and i18n/, never data/ or a feature', mayImport: ['i18n'] },
  data: { name: 'data: shared state imports only shared/, api/ and i18n/, never ui/ or a feature', mayImport: ['api', 'i18n'] },
  feature: { name: 'features: a screen imports ui/, data/, api/, i18n/ and shared/, never another feature', mayImport: ['api', 'i18n', 'ui', 'data'] },
  app: { name: 'app: the composition root may import every layer', mayImport: ['api', 'i18n', 'ui', 'data', 'features', 'app'] },
};

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(isFile);
}

/** `features/<screen>` for a screen's file, the top folder for any other; the entry files beside the folders are the app's. */
function layerOf(pathInRenderer: string): string {
  const parts = pathInRenderer.split(sep);
  if (parts.length === 1) return 'app';
  if (parts[0] === 'features') return parts.length > 2 ? `features/${parts[1]}` : 'features';
  return parts[0] ?? '';
}

function ruleFor(layer: string): LayerRule | undefined {
  const key = layer.startsWith('features/') ? 'feature' : layer;
  return Object.hasOwn(RENDERER_LAYER_RULES, key) ? RENDERER_LAYER_RULES[key] : undefined;
}

function allowed(rule: LayerRule, from: string, to: string): boolean {
  if (to === from) return true;
  return rule.mayImport.some((layer) => to === layer || (layer === 'features' && to.startsWith('features/')));
}

/** Every import in `<root>/renderer` that breaks its layer's rule, as "file → target: rule". */
export function rendererLayerViolations(root: string): string[] {
  const renderer = join(root, 'renderer');
  const violations: string[] = [];
  for (const file of sourceFiles(renderer)) {
    const from = layerOf(relative(renderer, file));
    const rule = ruleFor(from);
    if (!rule) {
      violations.push(`${relative(root, file)}: the folder ${from}/ has no layer rule; add one to RENDERER_LAYER_RULES`);
      continue;
    }
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2] ?? '');
      if (!target) continue;
      const inRenderer = relative(renderer, target);
      const outside = inRenderer.startsWith('..');
      const ok = outside ? OUTSIDE.includes(relative(root, target).split(sep)[0] ?? '') : allowed(rule, from, layerOf(inRenderer));
      if (!ok) violations.push(`${relative(root, file)} → ${relative(root, target)}: ${rule.name}`);
    }
  }
  return [...new Set(violations)];
}

/** A time element written out by hand: `<time` with attributes, in JSX. */
const OWN_TIME_ELEMENT = /<time\s/;

/**
 * Renderer files outside the kit's time folder that write their own `<time>`: every time shows
 * through renderer/ui/time (its exact moment on hover, its style), so one drawn apart drifts from it.
 */
export function ownTimeElements(root: string): string[] {
  const renderer = join(root, 'renderer');
  const kit = join(renderer, 'ui', 'time') + sep;
  return sourceFiles(renderer)
    .filter((file) => !file.startsWith(kit) && file.endsWith('.tsx') && OWN_TIME_ELEMENT.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
}
