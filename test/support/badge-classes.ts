// One badge on every screen: a screen shows a state with the kit's Badge (renderer/ui/Badge.tsx), never
// with badge or state-* classes of its own, so a colour means the same thing everywhere and one CSS
// rule set paints it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A class the kit's Badge owns: `badge`, `badge-…`, `…-badge-…` and the tone classes `state-…`. */
const BADGE_CLASS = /^(?:badge|badge-[\w-]+|[\w-]+-badge-[\w-]+|state-[\w$-]*)$/;

/** String and template literals on one line (a class list is never split over lines here); their words split at spaces, quotes and `${…}`. */
const LITERAL = /'[^'\n]*'|"[^"\n]*"|`[^`\n]*`/g;

/** Comments go first, so "a context's badge" in prose is never read as a class. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');

/** Each badge class a source's string literals name, as `line: class`. */
export function badgeClassesIn(source: string): string[] {
  const found: string[] = [];
  withoutComments(source)
    .split('\n')
    .forEach((line, index) => {
      for (const [literal] of line.matchAll(LITERAL)) {
        for (const word of literal.slice(1, -1).split(/[\s'"`{}()?:]+/)) {
          if (BADGE_CLASS.test(word)) found.push(`${index + 1}: ${word}`);
        }
      }
    });
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every renderer file outside the kit that draws a badge by class instead of with the kit's Badge. */
export function rawBadges(root: string): string[] {
  const kit = join('renderer', 'ui') + sep;
  return sourceFiles(join(root, 'renderer'))
    .map((path) => relative(root, path))
    .filter((path) => !path.startsWith(kit))
    .flatMap((path) => badgeClassesIn(readFileSync(join(root, path), 'utf8')).map((hit) => `${path.split(sep).join('/')}:${hit}`));
}

/** The tones the kit's Badge offers, read from its type (`BadgeTone`). */
export function kitTones(root: string): string[] {
  const source = readFileSync(join(root, 'renderer/ui/Badge.tsx'), 'utf8');
  const union = /export type BadgeTone = ([^;]+);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'([\w-]+)'/g)].map(([, tone]) => tone!);
}

/** Every badge class the renderer's CSS paints that is not one of the kit's: `.badge-…` and `.state-…` for a tone Badge lacks. */
export function strayBadgeRules(root: string, tones: string[]): string[] {
  const cssFiles = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return cssFiles(path);
      return name.endsWith('.css') ? [path] : [];
    });
  return cssFiles(join(root, 'renderer')).flatMap((path) => {
    const css = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const classes = [...css.matchAll(/\.((?:[\w-]+-)?badge-[\w-]+|state-[\w-]+)\b/g)].map(([, name]) => name!);
    const stray = classes.filter((name) => !name.startsWith('state-') || !tones.includes(name.slice('state-'.length)));
    return [...new Set(stray)].map((name) => `${relative(root, path).split(sep).join('/')}: .${name}`);
  });
}
