import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { RegistryRecord } from '../../shared/schemas';
import type { FileChange, ToolFile, ToolsApplied, ToolsOverview, ToolsPreview, ToolsPreviewRequest } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { dockerAuthKey, type Workstation } from '../registry-import';
import { configDiff } from './config-diff';
import { installLauncher, launcherState, type LauncherPlace } from './helper-launcher';
import { registryHost } from './server-host';
import { applyConfigSwitch, configFacts, planConfigSwitch, undoConfigSwitch, type ConfigSwitchPlan } from './tool-config-switch';
import { readToolFile, toolFilePaths, type ToolFileText } from './tool-files';

export interface WorkstationToolsDependencies {
  registries: () => readonly RegistryRecord[];
  workstation: Workstation;
  launcher: LauncherPlace;
}

/** Previews and applies kept for apply and undo: a few, the newest. */
const KEPT = 16;

function remember<T>(map: Map<string, T>, value: T): string {
  const id = randomBytes(16).toString('hex');
  map.set(id, value);
  for (const old of map.keys()) if (map.size > KEPT) map.delete(old);
  return id;
}

type ReadFile = ToolFileText & { facts: ReturnType<typeof configFacts> | null };

function withFacts(file: ToolFileText): ReadFile {
  if (file.problem) return { ...file, facts: null };
  try {
    return { ...file, facts: configFacts(file.path, file.text) };
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    return { ...file, problem: error.appError, facts: null };
  }
}

/** "Use in docker, podman, helm": the tools' files, the switch to the helper per registry, and the launcher. */
export function createWorkstationTools(deps: WorkstationToolsDependencies) {
  const previews = new Map<string, ConfigSwitchPlan[]>();
  const applied = new Map<string, ConfigSwitchPlan[]>();
  const readAll = async (): Promise<ReadFile[]> =>
    Promise.all(toolFilePaths(deps.workstation, existsSync).map(async ({ kind, path }) => withFacts(await readToolFile(kind, path))));
  const keyOf = (record: RegistryRecord): string | null => {
    const host = registryHost(record);
    return host === null ? null : dockerAuthKey(host);
  };

  async function overview(): Promise<ToolsOverview> {
    const files = await readAll();
    const registries = deps.registries().flatMap((record) => {
      const key = keyOf(record);
      if (key === null) return [];
      const where = (has: (facts: NonNullable<ReadFile['facts']>) => boolean) => files.filter((file) => file.facts && has(file.facts)).map((file) => file.path);
      return [{ registryId: record.id, name: record.name, key, switchedIn: where((facts) => facts.helperKeys.includes(key)), plainTextIn: where((facts) => facts.plainTextKeys.includes(key)) }];
    });
    const toolFiles: ToolFile[] = files.map((file) => ({
      kind: file.kind,
      path: file.path,
      exists: file.text !== null,
      credsStore: file.facts?.credsStore ?? null,
      plainText: file.facts?.plainTextKeys.length ?? 0,
      problem: file.problem,
    }));
    return { files: toolFiles, registries, launcher: await launcherState(deps.launcher), plainTextTotal: toolFiles.reduce((sum, file) => sum + file.plainText, 0) };
  }

  async function preview(request: ToolsPreviewRequest): Promise<ToolsPreview> {
    const records = deps.registries();
    const keys = [...new Set(request.registryIds.map((id) => {
      const record = records.find((candidate) => candidate.id === id);
      const key = record ? keyOf(record) : null;
      if (key === null) throw new AppFailure('tools.unknownRegistry', { id });
      return key;
    }))];
    const files = (await readAll()).filter((file) => file.facts !== null);
    const plans = files.map((file) => planConfigSwitch(file.path, file.text, keys, request.removePlainText));
    const changed = plans.filter((plan) => plan.after !== plan.before);
    const kinds = new Map(files.map((file) => [file.path, file.kind]));
    const changes = changed.map((plan): FileChange => ({
      kind: kinds.get(plan.path)!,
      path: plan.path,
      creates: plan.before === null,
      diff: configDiff(plan.before, plan.after),
      switched: plan.switched,
      removedPlainText: plan.removedPlainText,
      plainTextLeft: plan.plainTextLeft,
    }));
    const previewId = remember(previews, changed);
    return { previewId, changes, plainTextLeft: plans.reduce((sum, plan) => sum + plan.plainTextLeft, 0) };
  }

  /** All or nothing: when one file refuses (changed since the preview, read-only), those already written are put back. */
  async function apply(previewId: string): Promise<ToolsApplied> {
    const plans = previews.get(previewId);
    if (!plans) throw new AppFailure('tools.previewExpired');
    const done: { plan: ConfigSwitchPlan; backup: string | null }[] = [];
    try {
      for (const plan of plans) done.push({ plan, backup: (await applyConfigSwitch(plan)).backup });
    } catch (error) {
      for (const { plan } of done.reverse()) await undoConfigSwitch(plan);
      throw error;
    }
    previews.delete(previewId);
    const undoId = remember(applied, plans);
    return { undoId, files: done.map(({ plan, backup }) => ({ path: plan.path, backup })) };
  }

  async function undo(undoId: string): Promise<{ restored: string[] }> {
    const plans = applied.get(undoId);
    if (!plans) throw new AppFailure('tools.undoExpired');
    const restored: string[] = [];
    const left = [...plans].reverse();
    try {
      while (left.length > 0) {
        await undoConfigSwitch(left[0]!);
        restored.push(left.shift()!.path);
      }
    } finally {
      // What was restored stays restored; a second undo tries only the rest.
      if (left.length > 0) applied.set(undoId, left.reverse());
      else applied.delete(undoId);
    }
    return { restored };
  }

  /** Each `auths` key holding a password in plain text, with the files that hold it: keys and paths, never the password. */
  async function plainTextKeys(): Promise<{ key: string; files: string[] }[]> {
    const files = new Map<string, string[]>();
    for (const file of await readAll()) for (const key of file.facts?.plainTextKeys ?? []) files.set(key, [...(files.get(key) ?? []), file.path]);
    return [...files].map(([key, paths]) => ({ key, files: paths }));
  }

  return { overview, preview, apply, undo, plainTextKeys, installHelper: () => installLauncher(deps.launcher) };
}

export type WorkstationTools = ReturnType<typeof createWorkstationTools>;
