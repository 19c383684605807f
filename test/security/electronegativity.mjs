#!/usr/bin/env node
// Runs @doyensec/electronegativity over the main process, the preload and the page the window
// loads, and fails on the checks this project cares about: the tool itself always exits 0.
// Usage: node test/security/electronegativity.mjs [folder-or-file …]   (default: main preload renderer/index.html)
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** A finding of one of these fails the run. Each names a setting this project must never weaken. */
const FAIL_ON = new Set([
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'NODE_INTEGRATION_ATTACH_EVENT_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'WEB_SECURITY_HTML_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'INSECURE_CONTENT_HTML_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'EXPERIMENTAL_FEATURES_HTML_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'BLINK_FEATURES_HTML_CHECK',
  'ALLOWPOPUPS_HTML_CHECK',
  'AUXCLICK_JS_CHECK',
  'AUXCLICK_HTML_CHECK',
  'CERTIFICATE_ERROR_EVENT_JS_CHECK',
  'CERTIFICATE_VERIFY_PROC_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JSON_CHECK',
  'CUSTOM_ARGUMENTS_JS_CHECK',
  'CUSTOM_ARGUMENTS_JSON_CHECK',
  'HTTP_RESOURCES_JS_CHECK',
  'HTTP_RESOURCES_HTML_CHECK',
  'HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK',
  'DANGEROUS_FUNCTIONS_JS_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'CSP_GLOBAL_CHECK',
]);

// Other findings ("review every openExternal") are printed as notes. So are the CSP verdicts that
// ask for review rather than report a weakness: "'self' can be problematic if you host JSONP" (the
// app hosts nothing else) and a policy held in a constant the scanner cannot read (the unit test pins it).
function fails(issue) {
  if (!FAIL_ON.has(issue.id)) return false;
  return !(issue.id === 'CSP_GLOBAL_CHECK' && issue.manualReview);
}

/** The scanner fetches translations and Electron release lists from the internet at start-up; CI has none. */
function loadOffline() {
  const require = createRequire(join(root, 'node_modules/@doyensec/electronegativity/dist/runner.js'));
  const gotPath = require.resolve('got');
  const offline = async () => ({ statusCode: 404, body: '{}' });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  process.env.LANG = 'en-US';
  return require('./runner.js');
}

/** One folder holding every input, so the global checks (navigation limits, permission handler, CSP) see them together. */
function stage(inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  for (const input of inputs) {
    const source = resolve(root, input);
    const inside = relative(root, source);
    const target = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : basename(source);
    cpSync(source, join(dir, target), { recursive: true });
  }
  return dir;
}

async function main() {
  const inputs = process.argv.length > 2 ? process.argv.slice(2) : ['main', 'preload', 'renderer/index.html'];
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const run = loadOffline();
  const dir = stage(inputs);
  let result;
  try {
    result = await run({
      input: dir,
      isRelative: true,
      electronVersionOverride: electronVersion,
      // Needs the internet (Electron's release list); upgrades are Renovate's job, not this scan's.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const broken = result.errors.filter((error) => !error.tolerable);
  const failing = result.issues.filter(fails);
  const notes = result.issues.filter((issue) => !fails(issue));
  const where = (issue) => (issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}`);
  console.log(`electronegativity ${electronVersion ? `(Electron ${electronVersion}) ` : ''}over ${inputs.join(', ')}: ${result.globalChecks} global and ${result.atomicChecks} atomic checks`);
  for (const issue of notes) console.log(`  note  ${issue.id}  ${where(issue)}  ${issue.description}`);
  for (const error of broken) console.log(`  FAIL  could not parse ${error.file}: ${error.message}`);
  for (const issue of failing) console.log(`  FAIL  ${issue.id}  ${where(issue)}  ${issue.description}`);
  console.log(`electronegativity: ${failing.length + broken.length} failing, ${notes.length} for manual review`);
  process.exit(failing.length + broken.length > 0 ? 1 : 0);
}

await main();
