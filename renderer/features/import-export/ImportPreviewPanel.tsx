import type { ImportSource } from '../../../shared/import-export-contract';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useTranslation } from '../../i18n/useTranslation';
import { CandidateRow } from './CandidateRow';
import { useImportStore } from './import-store';
import { DataTable } from '../../ui/DataTable';
import { Button } from '../../ui/Button';

function SourceList({ sources }: { sources: ImportSource[] }) {
  const { t, problemText } = useTranslation();
  return (
    <ul className="import-sources" aria-label={t('importUi.sources')}>
      {sources.map((source) => (
        <li key={`${source.kind}:${source.location}`} className={`import-source-${source.state}`}>
          <strong>{t(`import.source.${source.kind}`)}</strong> <span className="mono">{source.location}</span> —{' '}
          {source.state === 'read' ? t('import.sourceState.read', { count: source.found }) : t(`import.sourceState.${source.state}`)}
          {source.error && <p className="field-error">{problemText(source.error)}</p>}
        </li>
      ))}
    </ul>
  );
}

/** The preview: every source as read, every login as a row, and one button to import the picked ones. */
export function ImportPreviewPanel() {
  const { t } = useTranslation();
  const preview = useImportStore((state) => state.preview);
  const picks = useImportStore((state) => state.picks);
  const busy = useImportStore((state) => state.busy);
  const error = useImportStore((state) => state.error);
  const dismissError = useImportStore((state) => state.dismissError);
  const importPicked = useImportStore((state) => state.importPicked);
  const picked = Object.values(picks).filter((pick) => pick.picked).length;
  return (
    <>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      {preview && (
        <section className="card" aria-labelledby="import-preview-title">
          <div className="screen-heading">
            <div>
              <h2 id="import-preview-title">{t('importUi.previewTitle')}</h2>
              <p className="muted">{t('importUi.previewIntro')}</p>
            </div>
            <Button tone="primary" disabled={busy !== null || picked === 0} onClick={() => void importPicked()}>
              {busy === 'import' ? t('importUi.importing') : t('importUi.importPicked', { count: picked })}
            </Button>
          </div>
          <SourceList sources={preview.sources} />
          {preview.candidates.length === 0 ? (
            <p className="muted">{t('importUi.nothingFound')}</p>
          ) : (
            <DataTable className="import-table" caption={t('importUi.previewTitle')} columns={(['pick', 'name', 'registry', 'source', 'what', 'test'] as const).map((column) => t(`importUi.column.${column}`))}>
              {preview.candidates.map((candidate) => (
                <CandidateRow key={candidate.candidateId} candidate={candidate} />
              ))}
            </DataTable>
          )}
        </section>
      )}
    </>
  );
}
