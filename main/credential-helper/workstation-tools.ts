import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { RegistryRecord } from '../../shared/schemas';
import type { FileChange, HelperLauncher, ToolFile, ToolsApplied, ToolsOverview, ToolsPreview, ToolsPreviewRequest } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { dockerAuthKey, type Workstation } from '../registry-import';
import { rollBackAll } from './apply-rollback';
import { deleteBackupFiles, findBackups } from './backup-files';
import { configDiff } from './config-diff';
import { detectDefaultStore } from './default-store';
import { installLauncher, launcherState, restoreLauncher, type LauncherPlace, type ReplacedLauncher } from './helper-launcher';
import { registryHost } from './server-host';
import { applyConfigSwitch, configFacts, planConfigSwitch, undoConfigSwitch, type ConfigSwitchPlan } from './tool-config-switch';
import { readToolFile, toolFilePaths, type ToolFileText } from './tool-files';
import { checkUndo, readUndoRecord, restoreFile, saveUndoRecord, sha256, type UndoFile, type UndoRecord } from './undo-record';

export interface WorkstationToolsDependencies {
  registries: () => readonly RegistryRecord[];
  workstation: Workstation;
  launcher: LauncherPlace;
  /** Where the last apply's undo is kept (UNDO_FILE_NAME in the app's data folder). */
  undoFile: string;
  /** Whether a command is found on the tools' PATH (for the default store docker and helm detect). */
  onPath(command: string): Promise<boolean>;
  /** Told when the saved undo cannot be written or is ignored; the screen shows the latter too. */
  warn(message: string, details: Record<string, unknown>): void;
}

/** Previews and applies kept for apply and undo: a few, the newest. */
const KEPT = 16;

function remember<T>(map: Map<string, T>, id: string, value: T): string {
  map.set(id, value);
  for (const old of map.keys()) if (map.size > KEPT) map.delete(old);
  return id;
}

type ReadFile = ToolFileText & { facts: ReturnType<typeof configFacts> | null };

function withFacts(file: ToolFileText): ReadFile {
  if (file.problem) return { ...file, facts: null };
  try {
    return { ...file, facts: configFacts(file.path, file.text, file.kind) };
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    return { ...file, problem: error.appError, facts: null };
  }
}

/** "Use in docker, podman, helm": the tools' files, the switch to the helper per registry, and the launcher. */
export function createWorkstationTools(deps: WorkstationToolsDependencies) {
  const previews = new Map<string, ConfigSwitchPlan[]>();
  const applied = new Map<string, UndoRecord>();
  /** The file the last install replaced, until put back or replaced again; kept for this run of the app (the backup stays on disk). */
  let launcherUndo: { undoId: string; replaced: ReplacedLauncher } | null = null;
  const readAll = async (): Promise<ReadFile[]> =>
    Promise.all(toolFilePaths(deps.workstation, existsSync).map(async ({ kind, path }) => withFacts(await readToolFile(kind, path))));
  /** Where the tools' files are or may be (every containers candidate): their backups are beside them. */
  const allToolFiles = () => [...new Map([...toolFilePaths(deps.workstation, () => true), ...toolFilePaths(deps.workstation, existsSync)].map((file) => [file.path, file])).values()];
  // Every path the switch may write: a saved undo naming anything else is refused (all containers candidates, as any may exist by now).
  const toolPaths = () => new Set(allToolFiles().map((file) => file.path));
  const savedUndo = async () => {
    const saved = await readUndoRecord(deps.undoFile, toolPaths());
    if (saved.problem) deps.warn('saved undo ignored', { code: saved.problem.code, detail: saved.problem.params?.detail });
    return saved;
  };
  /** This run's undo by id, else the saved one (the app was restarted since the apply). */
  async function undoRecord(undoId: string): Promise<UndoRecord | null> {
    const mine = applied.get(undoId);
    if (mine) return mine;
    const { record } = await savedUndo();
    return record?.undoId === undoId ? record : null;
  }
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
    const saved = await savedUndo();
    return {
      backups: await backupsLeft(saved.record),
      files: toolFiles,
      registries,
      launcher: await launcherState(deps.launcher),
      launcherUndo: launcherUndo ? { undoId: launcherUndo.undoId, backup: launcherUndo.replaced.backup } : null,
      plainTextTotal: toolFiles.reduce((sum, file) => sum + file.plainText, 0),
      undo: saved.record ? { undoId: saved.record.undoId, files: await withBackupPlainText(saved.record.files) } : null,
      undoProblem: saved.problem,
    };
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
    const defaultStore = { store: await detectDefaultStore(deps.workstation.platform, deps.onPath), keep: request.keepDefaultStore === true };
    const plans = files.map((file) => planConfigSwitch(file.path, file.text, keys, request.removePlainText, file.kind, defaultStore));
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
      defaultStore: plan.defaultStore,
      keepsDefaultStore: plan.keepsDefaultStore,
    }));
    const previewId = remember(previews, randomBytes(16).toString('hex'), changed);
    return {
      previewId,
      changes,
      plainTextLeft: plans.reduce((sum, plan) => sum + plan.plainTextLeft, 0),
      defaultStore: changed.find((plan) => plan.defaultStore !== null)?.defaultStore ?? null,
      keepDefaultStore: defaultStore.keep,
    };
  }

  /** All or nothing: when one file refuses (changed since the preview, read-only), those already written are put back. */
  async function apply(previewId: string): Promise<ToolsApplied> {
    const plans = previews.get(previewId);
    if (!plans) throw new AppFailure('tools.previewExpired');
    const done: { plan: ConfigSwitchPlan; backup: string | null }[] = [];
    try {
      for (const plan of plans) done.push({ plan, backup: (await applyConfigSwitch(plan)).backup });
    } catch (error) {
      await rollBackAll(error, done.map(({ plan }) => plan), undoConfigSwitch);
    }
    previews.delete(previewId);
    const files = done.map(({ plan, backup }): UndoFile => ({ path: plan.path, backup, beforeSha256: plan.before === null ? null : sha256(plan.before), afterSha256: sha256(plan.after) }));
    const undoId = randomBytes(16).toString('hex');
    const record: UndoRecord = { version: 1, undoId, appliedAt: new Date().toISOString(), files };
    remember(applied, undoId, record);
    await persist(record);
    return { undoId, files: await withBackupPlainText(files) };
  }

  /** Every backup the app wrote beside the tools' files, and the plain-text logins they hold, read bounded like the files. */
  async function backupsLeft(undo: UndoRecord | null): Promise<ToolsOverview['backups']> {
    const { found: backups, more } = await findBackups(allToolFiles());
    const counts = await Promise.all(backups.map(async ({ kind, backup }) => withFacts(await readToolFile(kind, backup)).facts?.plainTextKeys.length ?? 0));
    const paths = backups.map(({ backup }) => backup);
    return { paths, more, plainText: counts.reduce((sum, count) => sum + count, 0), holdsUndo: undo !== null && undo.files.some((file) => file.backup !== null && paths.includes(file.backup)) };
  }

  /** How many plain-text logins each backup still holds, read back from the disk (bounded like the files). */
  async function withBackupPlainText(files: readonly UndoFile[]): Promise<ToolsApplied['files']> {
    const kinds = new Map(toolFilePaths(deps.workstation, () => true).map((file) => [file.path, file.kind]));
    return Promise.all(
      files.map(async ({ path, backup }) => {
        if (backup === null) return { path, backup, backupPlainText: 0 };
        const read = withFacts(await readToolFile(kinds.get(path) ?? 'docker', backup));
        return { path, backup, backupPlainText: read.facts?.plainTextKeys.length ?? 0 };
      }),
    );
  }

  /**
   * Deletes every backup the app wrote beside the tools' files (findBackups: only the app's own
   * names), from this apply and every earlier one; an undo whose backup is gone goes with it.
   */
  async function deleteBackups(): Promise<{ deleted: string[] }> {
    const deleted = await deleteBackupFiles((await findBackups(allToolFiles())).found.map(({ backup }) => backup));
    const lost = (record: UndoRecord) => record.files.some((file) => file.backup !== null && deleted.includes(file.backup));
    for (const [undoId, record] of applied) if (lost(record)) applied.delete(undoId);
    const saved = (await savedUndo()).record;
    if (saved && lost(saved)) await persist(null);
    return { deleted };
  }

  /** The files are written already: a record that cannot be saved costs only Undo after a restart, so it is told, not thrown. */
  async function persist(record: UndoRecord | null): Promise<void> {
    await saveUndoRecord(deps.undoFile, record).catch((error: NodeJS.ErrnoException) => deps.warn('could not save the undo', { path: deps.undoFile, error: error.code ?? error.name }));
  }

  /** Refused, with nothing written, when any file or backup is no longer what the apply left (checked by hash). */
  async function undo(undoId: string): Promise<{ restored: string[] }> {
    const record = await undoRecord(undoId);
    if (!record) throw new AppFailure('tools.undoExpired');
    await checkUndo(record.files);
    const restored: string[] = [];
    const left = [...record.files].reverse();
    try {
      while (left.length > 0) {
        await restoreFile(left[0]!);
        restored.push(left.shift()!.path);
      }
    } finally {
      // What was restored stays restored; a second undo tries only the rest.
      const rest = left.length > 0 ? { ...record, files: left.reverse() } : null;
      if (rest) applied.set(undoId, rest);
      else applied.delete(undoId);
      if ((await savedUndo()).record?.undoId === undoId) await persist(rest);
    }
    return { restored };
  }

  /** Each `auths` key holding a password in plain text, with the files that hold it: keys and paths, never the password. */
  async function plainTextKeys(): Promise<{ key: string; files: string[] }[]> {
    const files = new Map<string, string[]>();
    for (const file of await readAll()) for (const key of file.facts?.plainTextKeys ?? []) files.set(key, [...(files.get(key) ?? []), file.path]);
    return [...files].map(([key, paths]) => ({ key, files: paths }));
  }

  /** Writes the launcher; another program's file there is backed up first, and that backup can be put back. */
  async function installHelper(): Promise<HelperLauncher> {
    const { launcher, replaced } = await installLauncher(deps.launcher);
    if (replaced) launcherUndo = { undoId: randomBytes(16).toString('hex'), replaced };
    return launcher;
  }

  /** Puts the replaced file back; refused, writing nothing, when the launcher or the backup changed since. */
  async function undoLauncher(undoId: string): Promise<HelperLauncher> {
    if (launcherUndo?.undoId !== undoId) throw new AppFailure('tools.undoExpired');
    await restoreLauncher(launcherUndo.replaced);
    launcherUndo = null;
    return launcherState(deps.launcher);
  }

  return { overview, preview, apply, undo, deleteBackups, plainTextKeys, installHelper, undoLauncher };
}

export type WorkstationTools = ReturnType<typeof createWorkstationTools>;
