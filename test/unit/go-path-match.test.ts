import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_PATTERN, goGlobMatch, goPathMatch } from '../../main/pull-secrets/go-url';

// The app's port of Go's path.Match (kubelet matches each host label of a pull-secret key with
// path/filepath.Match) against Go itself, on a seeded corpus of patterns and names built from
// stars, classes, ranges, escapes, slashes and multi-byte characters.

function goVersion(): Promise<string | null> {
  return new Promise((resolve) => execFile('go', ['env', 'GOVERSION'], (error, stdout) => resolve(error ? null : stdout.trim())));
}

const version = await goVersion();
const skipReason = version === null ? "needs the Go toolchain (Debian package golang-go) to run Go's own path.Match" : undefined;

/** mulberry32: the same corpus on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(): [string, string][] {
  const random = seeded(14);
  const patternParts = ['a', 'b', '*', '*', '?', '[', ']', '^', '-', 'a-b', '[^a]', '[a-b]', '\\', '/', '☺', 'α', 'z'];
  const nameParts = ['a', 'b', 'a', '/', '☺', 'α', '-', ']', '*', 'z'];
  const pick = (parts: string[], most: number) => Array.from({ length: Math.floor(random() * (most + 1)) }, () => parts[Math.floor(random() * parts.length)]).join('');
  const pairs: [string, string][] = Array.from({ length: 20_000 }, () => [pick(patternParts, 9), pick(nameParts, 10)]);
  // The crafted keys of issue 14 against long labels.
  for (const stars of [12, 20, 40]) pairs.push([`${'*a'.repeat(stars)}*b`, 'a'.repeat(300)], [`${'*a'.repeat(stars)}*`, 'a'.repeat(300)]);
  return pairs;
}

describe.skipIf(skipReason !== undefined)("the path.Match port against Go's own", () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rd-go-match-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(`answers as Go ${version ?? ''} does for every pair: matched, not matched or ErrBadPattern`, { timeout: 180_000 }, async () => {
    const pairs = corpus();
    const go = await new Promise<[string, string][]>((resolve, reject) => {
      const child = execFile(
        'go',
        ['run', join(import.meta.dirname, '../support/go-path-match/main.go')],
        { env: { ...process.env, GOCACHE: join(scratch, 'cache'), GOPATH: join(scratch, 'path'), GOFLAGS: '', GOTOOLCHAIN: 'local', GO111MODULE: 'off' }, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(`go run failed: ${stderr}`)) : resolve(JSON.parse(stdout) as [string, string][])),
      );
      child.stdin?.end(JSON.stringify(pairs));
    });
    const ours = pairs.map(([pattern, name]) => {
      const result = goPathMatch(pattern, name);
      return [result === BAD_PATTERN ? 'bad' : String(result), String(goGlobMatch(pattern, name))];
    });
    const differences = pairs.flatMap(([pattern, name], index) => {
      const [pathMatch, filepathMatch] = go[index]!;
      const [port, kubelet] = ours[index]!;
      return port === pathMatch && kubelet === String(filepathMatch === 'true') ? [] : [{ pattern, name, go: go[index], ours: ours[index] }];
    });
    expect(differences).toEqual([]);
    // The corpus reaches every answer.
    expect(new Set(go.map(([answer]) => answer))).toEqual(new Set(['true', 'false', 'bad']));
  });
});
