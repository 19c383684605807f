import type { ConnectionResult } from '../../../shared/connection-contract';
import type { AppError } from '../../../shared/errors';
import type { ImportCandidate, ImportResult } from '../../../shared/import-export-contract';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { HostText } from '../../ui/HostText';
import { useTranslation } from '../../i18n/useTranslation';
import { useImportStore, type PickState } from './import-store';
import { OUTCOME_TONE } from './outcome-tone';
import { UnbrokenNames } from '../../ui/UnbrokenNames';

function CandidateInputs({ candidate, pick }: { candidate: ImportCandidate; pick: PickState }) {
  const { t } = useTranslation();
  const changePick = useImportStore((state) => state.changePick);
  const change = (update: Partial<PickState>) => changePick(candidate.candidateId, update);
  const id = `import-${candidate.candidateId}`;
  if (candidate.type === 'ecr') {
    return (
      <div className="import-extra">
        <label>
          {t('field.authType')}
          <select className="control" value={pick.ecrAuth} onChange={(event) => change({ ecrAuth: event.target.value as PickState['ecrAuth'] })}>
            <option value="iam-role">{t('authType.iamRole')}</option>
            <option value="user-auth">{t('authType.userAuth')}</option>
          </select>
        </label>
        {pick.ecrAuth === 'user-auth' && (
          <>
            <label>
              {t('field.accessKeyId')}
              <input type="text" className="control" value={pick.accessKeyId} onChange={(event) => change({ accessKeyId: event.target.value })} spellCheck={false} />
            </label>
            <label>
              {t('field.secretAccessKey')}
              <input type="password" className="control" autoComplete="off" value={pick.secretAccessKey} onChange={(event) => change({ secretAccessKey: event.target.value })} />
            </label>
          </>
        )}
      </div>
    );
  }
  if (candidate.notice !== 'googleAccessToken') return null;
  return (
    <div className="import-extra">
      <label htmlFor={`${id}-key`}>{t('field.serviceAccountJson')}</label>
      <textarea id={`${id}-key`} className="control mono" rows={3} spellCheck={false} value={pick.serviceAccountJson} onChange={(event) => change({ serviceAccountJson: event.target.value, picked: event.target.value.trim() !== '' })} />
    </div>
  );
}

const ACTION_TONE = { create: 'change', update: 'change', skip: 'neutral' } as const satisfies Record<ImportCandidate['action'], BadgeTone>;

/** The connection test's verdict for an imported row: passed, or the reason it failed. */
function TestVerdict({ verdict }: { verdict: ConnectionResult | AppError }) {
  const { t, problemText } = useTranslation();
  if ('code' in verdict) return <p className="field-error">{problemText(verdict)}</p>;
  if (verdict.ok) return <Badge tone="ok">{t('importUi.testOk')}</Badge>;
  return (
    <>
      <Badge tone="error">{t('importUi.testFailed')}</Badge>
      <p className="field-error">{problemText(verdict.error ?? { code: 'internal' })}</p>
    </>
  );
}

function Outcome({ candidate, result }: { candidate: ImportCandidate; result: ImportResult | undefined }) {
  const { t, problemText } = useTranslation();
  const tests = useImportStore((state) => state.tests);
  if (result) {
    const tested = tests && Object.hasOwn(tests.results, candidate.candidateId) ? tests.results[candidate.candidateId]! : result.connection;
    return (
      <div className="import-outcome" role="status">
        <Badge tone={OUTCOME_TONE[result.outcome]}>{t(`importUi.outcome.${result.outcome}`)}</Badge>
        {result.error && <p className="field-error">{problemText(result.error)}</p>}
        {tests?.running === candidate.candidateId && <Badge tone="info">{t('importUi.testing')}</Badge>}
        {tested && <TestVerdict verdict={tested} />}
      </div>
    );
  }
  return (
    <div className="import-outcome">
      <Badge tone={ACTION_TONE[candidate.action]}>
        {candidate.action === 'update' ? t('importUi.action.update', { name: candidate.existing?.name ?? '' }) : t(`importUi.action.${candidate.action}`)}
      </Badge>
      {candidate.skipReason && <p className="muted">{t(`import.skip.${candidate.skipReason}`, { name: candidate.existing?.name ?? '' })}</p>}
      {candidate.error && <p className="field-error">{problemText(candidate.error)}</p>}
      {candidate.notice && <p className="muted">{t(`import.notice.${candidate.notice}`)}</p>}
      {candidate.unusedByDocker && <p className="import-unused">
          <UnbrokenNames text={t(`import.unused.${candidate.unusedByDocker.reason}`, { helper: candidate.unusedByDocker.helper })} />
        </p>}
    </div>
  );
}

/** One found login: what it would become, and the operator's pick, name, extra input and test. */
export function CandidateRow({ candidate }: { candidate: ImportCandidate }) {
  const { t } = useTranslation();
  const pick = useImportStore((state) => state.picks[candidate.candidateId]);
  const result = useImportStore((state) => state.results[candidate.candidateId]);
  const changePick = useImportStore((state) => state.changePick);
  if (!pick) return null;
  const done = result !== undefined && result.outcome !== 'failed';
  const pickable = candidate.action !== 'skip' && !done;
  // A login docker does not use is picked only after its own, separate choice.
  const needsChoice = pickable && candidate.unusedByDocker !== undefined;
  const server = candidate.url || candidate.serverKey;
  return (
    <tr className={candidate.action === 'skip' ? 'import-row-skipped' : undefined} data-candidate={candidate.serverKey}>
      <td>
        <input
          type="checkbox"
          aria-label={t('importUi.pickLabel', { server })}
          checked={pick.picked}
          disabled={!pickable || (needsChoice && !pick.importUnused)}
          onChange={(event) => changePick(candidate.candidateId, { picked: event.target.checked })}
        />
      </td>
      {/* The name it gets, its address and, folded into detail lines, type, user and source: a 1024 px window fits the row. */}
      <td className="import-registry">
        {candidate.action === 'create' && pickable ? (
          <input type="text" className="control import-name" aria-label={t('importUi.nameLabel', { server })} value={pick.name} onChange={(event) => changePick(candidate.candidateId, { name: event.target.value })} />
        ) : (
          <span className="import-existing-name">{result?.registry?.name ?? candidate.existing?.name ?? '—'}</span>
        )}
        <span className="registry-url">
          <HostText value={server} />
        </span>
        <p className="detail">
          {candidate.action === 'skip' ? '' : `${t(`type.${candidate.type}`)} · `}
          {t('importUi.user', { user: candidate.username || '—' })}
        </p>
        <p className="detail" title={candidate.origin.location}>
          {t(`import.source.${candidate.origin.kind}`)} · <span className="mono">
            <UnbrokenNames text={candidate.origin.location.split('/').at(-1) ?? ''} />
          </span>
        </p>
      </td>
      <td>
        <Outcome candidate={candidate} result={result} />
        {needsChoice && (
          <label className="import-unused-choice">
            <input type="checkbox" checked={pick.importUnused} onChange={(event) => changePick(candidate.candidateId, { importUnused: event.target.checked, picked: event.target.checked })} />
            {t('importUi.importUnusedLabel')}
          </label>
        )}
        {pickable && pick.picked && <CandidateInputs candidate={candidate} pick={pick} />}
      </td>
      <td>
        <input type="checkbox" aria-label={t('importUi.testLabel', { server })} aria-describedby="import-test-hint" checked={pick.test} disabled={!pickable} onChange={(event) => changePick(candidate.candidateId, { test: event.target.checked })} />
      </td>
    </tr>
  );
}
