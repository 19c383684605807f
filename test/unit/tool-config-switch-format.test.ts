import { describe, expect, it } from 'vitest';
import { planConfigSwitch } from '../../main/credential-helper/tool-config-switch';

// The switch keeps a file's own formatting: a one-line (compact) file stays one line, an indented
// one keeps its indentation, and a trailing newline is kept only where there was one.

const PATH = '/home/op/.docker/config.json';
const HOST = 'registry.example.com';
const plan = (before: string | null) => planConfigSwitch(PATH, before, [HOST], true).after;

describe('the formatting a switched file keeps', () => {
  it.for([
    ['with', '\n'],
    ['without', ''],
  ] as const)('a compact file stays on one line, %s its trailing newline', ([, newline]) => {
    const before = `{"auths":{"${HOST}":{"auth":"YTpi"}},"detachKeys":"ctrl-e"}${newline}`;
    expect(plan(before)).toBe(`{"auths":{"${HOST}":{}},"detachKeys":"ctrl-e","credHelpers":{"${HOST}":"registry-desk"}}${newline}`);
  });

  it('an indented file keeps its tabs, and a new or empty file gets two spaces', () => {
    expect(plan('{\n\t"detachKeys": "ctrl-e"\n}')).toBe(`{\n\t"detachKeys": "ctrl-e",\n\t"credHelpers": {\n\t\t"${HOST}": "registry-desk"\n\t}\n}`);
    expect(plan(null)).toBe(`{\n  "credHelpers": {\n    "${HOST}": "registry-desk"\n  }\n}\n`);
    expect(plan('{}\n')).toBe(`{\n  "credHelpers": {\n    "${HOST}": "registry-desk"\n  }\n}\n`);
  });
});
