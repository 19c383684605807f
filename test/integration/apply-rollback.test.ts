import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorText } from '../../shared/i18n';
import { AppFailure } from '../../main/app-errors/app-failure';
import { rollBackAll } from '../../main/credential-helper/apply-rollback';
import { applyConfigSwitch, planConfigSwitch, undoConfigSwitch, type ConfigSwitchPlan } from '../../main/credential-helper/tool-config-switch';

// An apply that stops part way puts back every file it wrote, even when one of them cannot be put
// back (here: edited by something else since, so the real undo refuses it), and the operator sees
// the failure that stopped the apply together with every file left as written.

const HOST = 'registry.example.com';
const ORIGINAL = '{\n\t"detachKeys": "ctrl-e"\n}\n';
let folder: string;
let plans: ConfigSwitchPlan[];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-rollback-'));
  plans = [];
  for (const name of ['a.json', 'b.json', 'c.json']) {
    const path = join(folder, name);
    await writeFile(path, ORIGINAL);
    const plan = planConfigSwitch(path, ORIGINAL, [HOST], true);
    await applyConfigSwitch(plan);
    plans.push(plan);
  }
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const stopped = new AppFailure('tools.configReadOnly', { path: '/home/op/.config/helm/registry/config.json' });
const caught = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

it('puts back every other file when one cannot be, and names it beside the failure that stopped the apply', async () => {
  const [a, b, c] = plans as [ConfigSwitchPlan, ConfigSwitchPlan, ConfigSwitchPlan];
  await writeFile(b.path, '{"edited": true}');
  const error = await caught(rollBackAll(stopped, plans, undoConfigSwitch));
  // c is rolled back first, b refuses, a is still rolled back.
  expect(await readFile(c.path, 'utf8')).toBe(ORIGINAL);
  expect(await readFile(a.path, 'utf8')).toBe(ORIGINAL);
  expect(await readFile(b.path, 'utf8')).toBe('{"edited": true}');
  expect(error).toBeInstanceOf(AppFailure);
  // The failure that stopped the apply is still the one shown, with the file left as written listed under it.
  expect((error as AppFailure).appError).toEqual({
    ...stopped.appError,
    fieldErrors: [{ field: b.path, code: 'tools.notRolledBack', params: { path: b.path, detail: 'tools.configChanged' } }],
  });
  expect(errorText('zh-CN', 'tools.notRolledBack', { path: b.path, detail: 'tools.configChanged' })).toContain(b.path);
});

it('every file put back: the failure that stopped the apply, as it was', async () => {
  const error = await caught(rollBackAll(stopped, plans, undoConfigSwitch));
  expect(error).toBe(stopped);
  for (const plan of plans) expect(await readFile(plan.path, 'utf8')).toBe(ORIGINAL);
});
