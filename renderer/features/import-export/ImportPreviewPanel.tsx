import type { ImportSource } from '../../../shared/import-export-contract';
import { useSecretSaveBlocked } from '../../data/keychain';
import { useNavigationStore } from '../../data/navigation';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { DataTable } from '../../ui/DataTable';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { SECRET_SAVE_REASON_ID, SecretSaveReason } from '../../ui/SecretSaveReason';
import { useTranslation } from '../../i18n/useTranslation';
import { CandidateRow } from './CandidateRow';
import { useImportStore } from './import-store';

const SOURCE_TONE = { read: 'ok', absent: 'neutral', failed: 'error' } as const;

function SourceList({ sources }: { sources: ImportSource[] }) {
  const { t, problemText } = useTranslation();
  return (
    <ul className="import-sources" aria-label={t('importUi.sources')}>
      {sources.map((source) => (
        <li key={`${source.kind}:${source.location}`} data-source-state={source.state}>
          <Badge tone={SOURCE_TONE[source.state]}>
            {source.state === 'read' ? t('import.sourceState.read', { count: source.found }) : t(`import.sourceState.${source.state}`)}
          </Badge>
          <strong>{t(`import.source.${source.kind}`)}</strong>
          <span className="mono import-source-location">{source.location}</span>
          {source.error && <p className="field-error">{problemText(source.error)}</p>}
        </li>
      ))}
    </ul>
  );
}

/** The Test column's head: one word that fits, with the explanation below the table also on hover. */
function TestHead() {
  const { t } = useTranslation();
  return <span title={t('importUi.testHint')}>{t('importUi.column.test')}</span>;
}

/** After an import: what came in, and the two next steps, testing it now and seeing it in the list. */
function AfterImport() {
  const { t } = useTranslation();
  const results = useImportStore((state) => state.results);
  const tests = useImportStore((state) => state.tests);
  const busy = useImportStore((state) => state.busy);
  const testImported = useImportStore((state) => state.testImported);
  const navigate = useNavigationStore((state) => state.navigate);
  const imported = Object.values(results).filter((result) => result.registry && result.outcome !== 'failed').length;
  if (imported === 0) return null;
  const passed = tests ? Object.values(tests.results).filter((verdict) => 'ok' in verdict && verdict.ok).length : 0;
  return (
    <div className="import-next" data-testid="after-import" role="group" aria-label={t('importUi.nextTitle')}>
      <p className="import-next-text">
        <strong>{t(imported === 1 ? 'importUi.imported.one' : 'importUi.imported.other', { count: imported })}</strong>
        {tests && (
          <span role="status" data-testid="after-import-progress">
            {tests.running ? t('importUi.testProgress', { done: tests.done + 1, total: tests.total }) : t('importUi.testSummary', { passed, total: tests.total })}
          </span>
        )}
      </p>
      {tests && <progress max={Math.max(tests.total, 1)} value={tests.done} aria-label={t('importUi.testProgressLabel')} />}
      <div className="card-actions">
        <Button disabled={busy !== null} onClick={() => void testImported()}>
          {busy === 'test' ? t('importUi.testing') : t('importUi.testNow')}
        </Button>
        <Button tone="primary" onClick={() => navigate({ screen: 'registries' })}>
          {t('importUi.openRegistries')}
        </Button>
      </div>
    </div>
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
  const keychainDown = useSecretSaveBlocked();
  const picked = Object.values(picks).filter((pick) => pick.picked).length;
  const importButton = (
    <Button tone="primary" disabled={busy !== null || picked === 0 || keychainDown} aria-describedby={keychainDown ? SECRET_SAVE_REASON_ID : undefined} onClick={() => void importPicked()}>
      {busy === 'import' ? t('importUi.importing') : t('importUi.importPicked', { count: picked })}
    </Button>
  );
  return (
    <>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      {preview && (
        <Card title={t('importUi.previewTitle')} titleId="import-preview-title" actions={importButton}>
          <p className="muted">{t('importUi.previewIntro')}</p>
          <SecretSaveReason blocked={keychainDown} />
          <SourceList sources={preview.sources} />
          <AfterImport />
          {preview.candidates.length === 0 ? (
            <p className="muted">{t('importUi.nothingFound')}</p>
          ) : (
            <>
              <DataTable className="import-table import-candidates" caption={t('importUi.previewTitle')} columns={[...(['pick', 'registry', 'what'] as const).map((column) => t(`importUi.column.${column}`)), <TestHead key="test" />]}>
                {preview.candidates.map((candidate) => (
                  <CandidateRow key={candidate.candidateId} candidate={candidate} />
                ))}
              </DataTable>
              <p className="field-hint" id="import-test-hint">
                {t('importUi.testHint')}
              </p>
            </>
          )}
        </Card>
      )}
    </>
  );
}
