import type { ContextSyncStatus, ExportFile, SyncApplyResult, SyncObjectStatus, SyncStatus } from '../../../../shared/cluster-sync-contract';
import { ModalDialog } from '../../../ui/ModalDialog';
import { useTranslation } from '../../../i18n/useTranslation';
import { useClusterSyncStore } from './cluster-sync-store';
import { ObjectRows } from './SyncPlanView';
import { Button } from '../../../ui/Button';
import { Badge } from '../../../ui/Badge';
import { Card } from '../../../ui/Card';
import { DataTable } from '../../../ui/DataTable';
import { TimeSentence } from '../../../ui/time/TimeText';
import { toneOf, type Tone } from '../tones';
import { pluralKey } from '../../../i18n/plural';

/** Outcomes an operator must act on; done and unchanged objects need no line of their own once the status shows. */
const NOT_THROUGH = new Set(['skipped', 'failed']);

/** What an apply did: its counts, then per context its objects (only the ones that did not go through, under the status). */
function AppliedReport({ result, problemsOnly = false }: { result: SyncApplyResult; problemsOnly?: boolean }) {
  const { t, problemText } = useTranslation();
  const { done = 0, unchanged = 0, skipped = 0, failed = 0 } = result.counts;
  return (
    <>
      <p role="status" data-testid="sync-applied">
        {t('clusterSync.result', { done, unchanged, skipped, failed })}
      </p>
      {result.contexts.map((context) => {
        const objects = problemsOnly ? context.objects.filter((object) => NOT_THROUGH.has(object.outcome)) : context.objects;
        if (objects.length === 0 && !context.error) return null;
        return (
          <div key={context.context} className="sync-report-context">
            <h3>{context.context}</h3>
            {context.error && <p className="field-error">{problemText(context.error)}</p>}
            {objects.length > 0 && <ObjectRows objects={objects} outcome />}
          </div>
        );
      })}
    </>
  );
}

/** An apply whose status could not follow (the check failed): the result on its own. */
export function SyncResult({ result }: { result: SyncApplyResult }) {
  const { t } = useTranslation();
  return (
    <Card title={t('clusterSync.resultTitle')} titleId="sync-result-title" testId="sync-result">
      <AppliedReport result={result} />
    </Card>
  );
}

const READY_TONE: Record<SyncObjectStatus['ready'], Tone> = { true: 'ok', false: 'error', unknown: 'neutral' };
const CONTEXT_TONE: Record<ContextSyncStatus['state'], Tone> = { checked: 'ok', 'not-synced': 'neutral', unreachable: 'error', forbidden: 'error' };

/** Each engine object's own Ready condition, since when, and what the engine says about it. */
function EngineObjects({ objects, checkedAt }: { objects: SyncObjectStatus[]; checkedAt: string }) {
  const { t } = useTranslation();
  return (
    <DataTable className="sync-table" caption={t('clusterSync.objectsReady')} columns={[t('clusterSync.column.object'), t('clusterSync.column.ready'), t('clusterSync.column.message')]}>
      {objects.map((object) => (
        <tr key={`${object.kind}/${object.namespace ?? ''}/${object.name}`} data-kind={object.kind} data-ready={object.ready}>
          <td className="mono">
            {object.kind} {object.namespace ? `${object.namespace}/` : ''}
            {object.name}
          </td>
          <td>
            <div className="badges">
              <Badge tone={READY_TONE[object.ready]}>{t(`clusterSync.ready.${object.ready}`)}</Badge>
              {object.ready !== 'unknown' && (
                <span className="detail" data-testid="ready-time">
                  {/* External Secrets keeps no time on a ClusterExternalSecret's Ready condition: the check's own time says when it was seen so. */}
                  {object.since ? <TimeSentence template="clusterSync.readySince" at={object.since} /> : <TimeSentence template="clusterSync.readySeen" at={checkedAt} />}
                </span>
              )}
            </div>
          </td>
          <td className="detail">{object.message ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** A checked context carries the worst state of its namespaces: green only when every copy is in sync. */
function ContextBadge({ context }: { context: ContextSyncStatus }) {
  const { t, language } = useTranslation();
  const problems = context.rows.filter((row) => row.state !== 'in-sync');
  if (context.state !== 'checked' || problems.length === 0) return <Badge tone={CONTEXT_TONE[context.state]}>{t(`clusterSync.contextState.${context.state}`)}</Badge>;
  const tone = problems.some((row) => toneOf(row.state) === 'error') ? 'error' : 'warn';
  return <Badge tone={tone}>{t(pluralKey(language, problems.length, { one: 'clusterSync.problems.one', other: 'clusterSync.problems' }), { count: problems.length })}</Badge>;
}

function ContextStatus({ context, checkedAt }: { context: ContextSyncStatus; checkedAt: string }) {
  const { t, problemText } = useTranslation();
  return (
    <div className="sync-report-context" data-context={context.context}>
      <div className="context-card-heading">
        <h3>{context.context}</h3>
        <ContextBadge context={context} />
      </div>
      {context.error && <p className="field-error">{problemText(context.error)}</p>}
      {context.objects.length > 0 && <EngineObjects objects={context.objects} checkedAt={checkedAt} />}
      {context.rows.length > 0 && (
        <DataTable className="sync-table" caption={t('clusterSync.namespace')} columns={[t('clusterSync.namespace'), t('clusterSync.state')]}>
          {context.rows.map((row) => (
            <tr key={row.namespace} data-namespace={row.namespace} data-state={row.state}>
              <td className="mono">{row.namespace}</td>
              <td>
                <div className="badges">
                  <Badge tone={toneOf(row.state)}>{t(`access.state.${row.state}`)}</Badge>
                  <span className="detail">
                    {t(`clusterSync.rowReason.${row.reason}`)}
                    {row.message ? `: ${row.message}` : ''}
                  </span>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

/** Per context (under the apply that led to it, if one did): the engines' objects as they report themselves, and each selected namespace's copy. */
export function SyncStatusView({ status, applied }: { status: SyncStatus; applied: SyncApplyResult | null }) {
  const { t } = useTranslation();
  const busy = useClusterSyncStore((state) => state.busy !== null);
  const actions = (
    <>
      <span className="detail">
        <TimeSentence template="clusterSync.checkedAt" at={status.checkedAt} />
      </span>
      <Button small disabled={busy} onClick={() => void useClusterSyncStore.getState().checkStatus()}>
        {t('clusterSync.checkAgain')}
      </Button>
    </>
  );
  return (
    <Card title={t('clusterSync.statusTitle')} titleId="sync-status-title" actions={actions} testId="sync-status">
      {applied && <AppliedReport result={applied} problemsOnly />}
      {status.contexts.map((context) => (
        <ContextStatus key={context.context} context={context} checkedAt={status.checkedAt} />
      ))}
    </Card>
  );
}

/** The kinds of object a manifest file holds, in file order, once each: what the replaced file will hold. */
function kindsIn(content: string): string[] {
  return [...new Set([...content.matchAll(/^kind:\s*(\S+)/gm)].map((match) => match[1]!))];
}

/** "for context X", the context's name kept whole: it may break around the name, never at a hyphen inside it. */
function ContextLine({ context }: { context: string }) {
  const { t } = useTranslation();
  const [before, after] = t('clusterSync.replaceContext', { context: '\u0000' }).split('\u0000');
  return (
    <div className="detail">
      {before}
      <span className="change-name">{context}</span>
      {after}
    </div>
  );
}

/** The files a save would overwrite, with what each will hold instead and that no copy of the old one is kept (the summary says so once). */
function ReplacedFiles({ names, files }: { names: string[]; files: ExportFile[] }) {
  const { t } = useTranslation();
  return (
    <DataTable className="replace-table" testId="replace-files" caption={t('clusterSync.replaceCaption')} columns={[t('clusterSync.column.file'), t('clusterSync.column.change'), t('clusterSync.column.backup')]}>
      {names.map((name) => {
        const file = files.find((candidate) => candidate.fileName === name);
        return (
          <tr key={name} data-file={name}>
            <td className="mono change-name">{name}</td>
            <td>
              <span data-testid="replace-objects">{t('clusterSync.replaceWith', { objects: file ? kindsIn(file.content).join(', ') : '—' })}</span>
              {file?.context && <ContextLine context={file.context} />}
            </td>
            <td className="detail">{t('clusterSync.noBackup')}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}

export function ExportFiles({ files }: { files: ExportFile[] }) {
  const { t } = useTranslation();
  const saved = useClusterSyncStore((state) => state.saved);
  if (files.length === 0) return <p className="muted">{t('clusterSync.noExport')}</p>;
  return (
    <Card title={t('clusterSync.exportTitle')} titleId="sync-export-title" testId="sync-export">
      {files.map((file) => (
        <details key={file.fileName}>
          <summary className="mono">{file.fileName}</summary>
          <pre className="yaml" tabIndex={0} aria-label={file.fileName}>
            {file.content}
          </pre>
        </details>
      ))}
      <Button onClick={() => void useClusterSyncStore.getState().saveExport()}>
        {t('clusterSync.saveExport')}
      </Button>
      {saved?.folder && !saved.replace && <p role="status">{t('clusterSync.saved', { count: saved.files.length, folder: saved.folder })}</p>}
      {saved?.folder && saved.replace && (
        <ModalDialog
          id="sync-export-replace"
          wide
          title={t('clusterSync.replaceTitle', { count: saved.replace.existing.length, folder: saved.folder })}
          summary={t('clusterSync.replaceBody')}
          onClose={() => void useClusterSyncStore.getState().replaceExport(false)}
          actions={
            <>
              <Button onClick={() => void useClusterSyncStore.getState().replaceExport(false)}>
                {t('action.cancel')}
              </Button>
              <Button tone="danger" onClick={() => void useClusterSyncStore.getState().replaceExport(true)}>
                {t('clusterSync.replace')}
              </Button>
            </>
          }
        >
          <ReplacedFiles names={saved.replace.existing} files={files} />
        </ModalDialog>
      )}
    </Card>
  );
}

