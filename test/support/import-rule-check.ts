import { LAYERS, type ImportRule } from './import-rules';

/** `folder/**`: any file under it; `folder`: its public face only; `file.ts` or `file.json`: that file. */
export function allows(pattern: string, file: string): boolean {
  if (pattern.endsWith('/**')) return file.startsWith(pattern.slice(0, -2));
  if (/\.(tsx?|json)$/.test(pattern)) return file === pattern;
  return file === `${pattern}/index.ts` || file === `${pattern}/index.tsx`;
}

const covers = (rule: ImportRule, file: string) => file === rule.target || file.startsWith(`${rule.target}/`);

/** The most specific rule for a file, so a subfolder may get its own rule under its parent's. */
export function ruleFor(file: string, rules: readonly ImportRule[]): ImportRule | undefined {
  return rules.filter((rule) => covers(rule, file)).sort((a, b) => b.target.length - a.target.length)[0];
}

/** Each import that its file's rule does not allow, as a message naming the rule. Paths are relative to the project. */
export function forbiddenImports(graph: ReadonlyMap<string, readonly string[]>, rules: readonly ImportRule[]): string[] {
  const messages: string[] = [];
  for (const [from, targets] of graph) {
    const rule = ruleFor(from, rules);
    if (!rule) {
      messages.push(`${from}: no import rule covers this file (add one to test/support/import-rules.ts)`);
      continue;
    }
    const ownFolder = /\.tsx?$/.test(rule.target) ? null : `${rule.target}/`;
    for (const to of targets) {
      if ((ownFolder && to.startsWith(ownFolder)) || rule.allow.some((pattern) => allows(pattern, to))) continue;
      messages.push(`${from} imports ${to}: the import rule for ${rule.target} (${rule.layer} layer) allows only its own folder and ${rule.allow.join(', ') || 'nothing else'}`);
    }
  }
  return messages;
}

/** Rules that let a layer reach up, or a capability into another capability's internals. */
export function rulesReachingUp(rules: readonly ImportRule[]): string[] {
  return rules.flatMap((rule) =>
    rule.allow.flatMap((pattern) => {
      const folder = pattern.replace(/\/\*\*$/, '');
      const allowed = rules.find((candidate) => candidate.target === folder || folder.startsWith(`${candidate.target}/`));
      if (!allowed) return [`${rule.target} allows ${pattern}, which no rule covers`];
      const up = LAYERS.indexOf(allowed.layer) > LAYERS.indexOf(rule.layer);
      const intoInternals = allowed.layer === 'capability' && rule.target !== allowed.target && pattern.endsWith('/**');
      return up || intoInternals ? [`${rule.target} (${rule.layer}) allows ${pattern} (${allowed.layer})`] : [];
    }),
  );
}
