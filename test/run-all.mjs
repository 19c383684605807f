#!/usr/bin/env node
// `npm test`: every check the project has, in order, inside one keyring session. Stops at the
// first failing stage, then prints a summary whose last line is
// `tests: N passed, N failed, N skipped (node vX.Y.Z)`: the counts, and the Node they ran on.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);

// Keychain tests need the Secret Service: re-run this script inside a private unlocked keyring
// session (run-with-keyring.sh runs the command directly when already inside one).
if (process.env.REGISTRY_DESK_KEYRING_SESSION !== '1') {
  const inner = spawnSync('sh', [join(root, 'test/run-with-keyring.sh'), process.execPath, ...process.argv.slice(1)], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(inner.status ?? 1);
}

const resultsDir = join(root, 'test-results');
const vitestJson = join(resultsDir, 'vitest.json');
const playwrightJson = join(resultsDir, 'playwright.json');

// Chromium runs headless, but the Electron window needs an X server.
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY && commandExists('xvfb-run');

const stages = [
  { name: 'lint', command: [bin('eslint'), '.'] },
  { name: 'typecheck', command: [bin('tsc'), '-b'] },
  { name: 'unit+integration', command: [bin('vitest'), 'run'], counts: vitestCounts },
  { name: 'electronegativity', command: [process.execPath, join(root, 'test/security/electronegativity.mjs')] },
  { name: 'build', command: [bin('electron-vite'), 'build'] },
  // The credential helper is its own bundle: the launcher e2e runs it from out/credential-helper.
  { name: 'build helper', command: [process.execPath, join(root, 'build-helper.mjs')] },
  {
    name: 'e2e',
    command: [...(needsXvfb ? ['xvfb-run', '-a'] : []), bin('playwright'), 'test'],
    counts: playwrightCounts,
  },
];

// Old reports or screenshots must not be mistaken for this run's.
rmSync(resultsDir, { recursive: true, force: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
let failedStage;
for (const stage of stages) {
  if (failedStage) {
    rows.push([stage.name, 'not run', '']);
    continue;
  }
  const display = stage.command.map((part) => part.replace(`${root}/node_modules/.bin/`, '')).join(' ');
  console.log(`\n=== ${stage.name}: ${display}`);
  const started = Date.now();
  const run = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  const counts = stage.counts?.();
  let detail = '';
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    detail = `  (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)`;
  }
  if (run.error) console.error(`${stage.name}: could not start ${stage.command[0]}: ${run.error.message}`);
  // A failed stage that reported no failing test (lint, typecheck, build, a suite that did not
  // load, a crashed runner) still counts once, so the last line never reads "0 failed" for a failed run.
  if (!ok && !(counts?.failed > 0)) totals.failed += 1;
  rows.push([stage.name, ok ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`, `${seconds}s${detail}`]);
  if (!ok) failedStage = stage.name;
}

const width = Math.max(...rows.map(([name]) => name.length));
console.log('\n=== summary');
for (const [name, status, detail] of rows) console.log(`${name.padEnd(width)}  ${status}${detail ? `  ${detail}` : ''}`);
if (failedStage) console.log(`stopped after the failing stage: ${failedStage}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (node ${process.version})`);
process.exit(failedStage ? 1 : 0);

function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function vitestCounts() {
  const report = readJson(vitestJson);
  if (!report) return undefined;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function playwrightCounts() {
  const stats = readJson(playwrightJson)?.stats;
  if (!stats) return undefined;
  return {
    // Retries are off, so "flaky" cannot occur; counted as passed should someone enable them.
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}

function commandExists(name) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}
