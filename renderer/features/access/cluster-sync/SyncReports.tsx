import type { ExportFile, SyncApplyResult, SyncStatus } from '../../../../shared/cluster-sync-contract';
import { ModalDialog } from '../../../ui/ModalDialog';
import { useTranslation } from '../../../i18n/useTranslation';
import { useClusterSyncStore } from './cluster-sync-store';
import { ObjectRows } from './SyncPlanView';
import { Button } from '../../../ui/Button';

export function SyncResult({ result }: { result: SyncApplyResult }) {
  const { t } = useTranslation();
  const { done = 0, unchanged = 0, skipped = 0, failed = 0 } = result.counts;
  return (
    <section className="card" data-testid="sync-result">
      <p role="status">{t('clusterSync.result', { done, unchanged, skipped, failed })}</p>
      {result.contexts.map((context) => (
        <div key={context.context}>
          <h3>{context.context}</h3>
          <ObjectRows objects={context.objects} outcome />
        </div>
      ))}
    </section>
  );
}

/** Per context: the engines' objects as they report themselves, and each selected namespace's copy. */
export function SyncStatusView({ status }: { status: SyncStatus }) {
  const { t, problemText } = useTranslation();
  return (
    <div data-testid="sync-status">
      {status.contexts.map((context) => (
        <section key={context.context} className="card context-card" data-context={context.context}>
          <h3>{context.context}</h3>
          {context.error && <p className="field-error">{problemText(context.error)}</p>}
          <h4>{t('clusterSync.objectsReady')}</h4>
          <ul>
            {context.objects.map((object) => (
              <li key={`${object.kind}/${object.namespace ?? ''}/${object.name}`}>
                {object.kind} {object.namespace ? `${object.namespace}/` : ''}
                {object.name}: {t(`clusterSync.ready.${object.ready}`)}
                {object.message ? ` — ${object.message}` : ''}
              </li>
            ))}
          </ul>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('clusterSync.namespace')}</th>
                <th scope="col">{t('clusterSync.state')}</th>
              </tr>
            </thead>
            <tbody>
              {context.rows.map((row) => (
                <tr key={row.namespace} data-namespace={row.namespace} data-state={row.state}>
                  <td>{row.namespace}</td>
                  <td>
                    {t(`access.state.${row.state}`)} — {t(`clusterSync.rowReason.${row.reason}`)}
                    {row.message ? `: ${row.message}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

export function ExportFiles({ files }: { files: ExportFile[] }) {
  const { t } = useTranslation();
  const saved = useClusterSyncStore((state) => state.saved);
  if (files.length === 0) return <p className="muted">{t('clusterSync.noExport')}</p>;
  return (
    <section className="card" data-testid="sync-export">
      {files.map((file) => (
        <details key={file.fileName}>
          <summary>{file.fileName}</summary>
          <pre className="yaml">{file.content}</pre>
        </details>
      ))}
      <Button onClick={() => void useClusterSyncStore.getState().saveExport()}>
        {t('clusterSync.saveExport')}
      </Button>
      {saved?.folder && !saved.replace && <p role="status">{t('clusterSync.saved', { count: saved.files.length, folder: saved.folder })}</p>}
      {saved?.folder && saved.replace && (
        <ModalDialog
          id="sync-export-replace"
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
          <ul className="removal-list">{saved.replace.existing.map((name) => <li key={name}>{name}</li>)}</ul>
        </ModalDialog>
      )}
    </section>
  );
}

