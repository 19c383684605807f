import { TimeSentence } from '../../../ui/time/TimeText';
import { AccessStateSchema, type StatusRow } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { HostText } from '../../../ui/HostText';
import { accessStateLabel } from '../labels';
import { NamespaceTable } from '../NamespaceTable';
import { accountTone, toneOf } from '../tones';
import { useAccessViewStore } from '../access-view-store';
import { useOperationStore } from '../operation-store';

type StateFilter = 'all' | 'problems' | StatusRow['state'];

/** Object names never break inside (not even at a hyphen); a longer one is cut in the middle, whole on hover and copyable. */
const NAME_SHOWN = 40;

function StateBadge({ state }: { state: StatusRow['state'] }) {
  const { t } = useTranslation();
  return <Badge tone={toneOf(state)}>{accessStateLabel(t)(state)}</Badge>;
}

const keep = (row: StatusRow, filter: StateFilter, needle: string) =>
  (needle === '' || row.namespace.includes(needle)) && (filter === 'all' || (filter === 'problems' ? row.state !== 'in-sync' : row.state === filter));

const severity = (row: StatusRow) => AccessStateSchema.options.indexOf(row.state);

/** Problems first, worst at the top; namespaces keep their order within a state. */
const matching = (rows: StatusRow[], filter: StateFilter, search: string) =>
  rows.filter((row) => keep(row, filter, search.trim().toLowerCase())).sort((a, b) => severity(b) - severity(a));

function AccountCell({ row, account }: { row: StatusRow; account: StatusRow['serviceAccounts'][number] }) {
  const { t } = useTranslation();
  return (
    <span className="step" data-account={account.name} data-blocked={account.blocked ? 'true' : undefined}>
      {account.blocked ? <Badge tone={accountTone(row, account)}>{t('accessStatus.referenceBlocked')}</Badge> : <StateBadge state={account.state} />}
      <code>
        <HostText value={account.name} truncateAt={NAME_SHOWN} />
      </code>
      {account.blocked && <span className="detail">{t('accessStatus.referenceBlockedWhy')}</span>}
    </span>
  );
}

/**
 * A drifted row says since when, as the app saw it. An in-sync row needs no date, nor does a row
 * whose only fix is a removal: it is out of the selection, not out of sync, and its secrets say why.
 */
function LastInSync({ row }: { row: StatusRow }) {
  const { t } = useTranslation();
  if (row.state === 'in-sync' || row.fix === 'remove') return null;
  return (
    <span className="detail" data-testid="last-in-sync">
      {row.lastInSyncAt ? <TimeSentence template="accessStatus.lastInSyncAt" at={row.lastInSyncAt} /> : t('accessStatus.neverInSync')}
    </span>
  );
}

/** The row's own repair or adoption: a preview of this namespace alone, applied only from there. */
function RowFix({ registryId, context, row }: { registryId: string; context: string; row: StatusRow }) {
  const { t } = useTranslation();
  const busy = useOperationStore((state) => state.running !== null || state.previewing);
  const { fix } = row;
  if (!fix) return null;
  const preview = () => {
    const adopt = fix === 'adopt' ? row.secrets.filter((secret) => secret.state === 'conflict' && secret.reason === 'foreign').map((secret) => ({ context, namespace: row.namespace, secretName: secret.name })) : [];
    useAccessViewStore.getState().showTab('plan');
    void useOperationStore.getState().preview({ kind: 'apply', registryId, only: { context, namespace: row.namespace } }, adopt);
  };
  return (
    <Button small disabled={busy} onClick={preview} data-testid="row-fix" data-fix={fix}>
      {t(`accessStatus.fix.${fix}`)}
      <span className="visually-hidden"> {t('accessStatus.fixWhat', { namespace: row.namespace, context })}</span>
    </Button>
  );
}

/** The status table of one context: a row per namespace, problems first, each part's state and the row's own fix. */
export function StatusRows({ id, registryId, context, rows }: { id: string; registryId: string; context: string; rows: StatusRow[] }) {
  const { t } = useTranslation();
  const show = useAccessViewStore((state) => state.statusShow);
  return (
    <NamespaceTable<StatusRow, StateFilter>
      id={id}
      context={context}
      rows={rows}
      filters={[
        { value: 'all', label: t('table.filter.all') },
        { value: 'problems', label: t('table.filter.problems') },
        ...AccessStateSchema.options.map((state) => ({ value: state, label: accessStateLabel(t)(state) })),
      ]}
      initialFilter={show ?? 'all'}
      matching={matching}
      testId="status-table"
      caption={t('accessStatus.tableCaption', { context })}
      columns={[t('clusters.namespace'), t('plan.secrets'), t('plan.serviceAccounts'), t('accessStatus.fix')]}
      renderRow={(row) => (
        <tr key={row.namespace} data-testid="status-row" data-namespace={row.namespace} data-state={row.state}>
          <th scope="row">
            <span className="mono">{row.namespace}</span>
            <LastInSync row={row} />
          </th>
          <td>
            {row.secrets.map((secret) => (
              <span key={secret.name} className="step">
                <StateBadge state={secret.state} />
                <code>
                  <HostText value={secret.name} truncateAt={NAME_SHOWN} />
                </code>
                {secret.reason && <span className="detail">{t(`access.secretReason.${secret.reason}`)}</span>}
                {secret.expiresAt && <span className="detail"><TimeSentence template="plan.expiresAt" at={secret.expiresAt} /></span>}
              </span>
            ))}
          </td>
          <td>
            {row.serviceAccounts.length === 0 && <span className="muted">—</span>}
            {row.serviceAccounts.map((account) => (
              <AccountCell key={account.name} row={row} account={account} />
            ))}
          </td>
          <td className="row-actions">
            <RowFix registryId={registryId} context={context} row={row} />
          </td>
        </tr>
      )}
    />
  );
}
