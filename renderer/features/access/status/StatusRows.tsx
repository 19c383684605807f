import { TimeSentence } from '../../../ui/time/TimeText';
import { AccessStateSchema, type StatusRow } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { accessStateLabel } from '../labels';
import { NamespaceTable } from '../NamespaceTable';
import { toneOf } from '../tones';
import { useAccessViewStore } from '../access-view-store';

type StateFilter = 'all' | 'problems' | StatusRow['state'];

function StateBadge({ state }: { state: StatusRow['state'] }) {
  const { t } = useTranslation();
  return <span className={`badge state-${toneOf(state)}`}>{accessStateLabel(t)(state)}</span>;
}

const keep = (row: StatusRow, filter: StateFilter, needle: string) =>
  (needle === '' || row.namespace.includes(needle)) && (filter === 'all' || (filter === 'problems' ? row.state !== 'in-sync' : row.state === filter));

const severity = (row: StatusRow) => AccessStateSchema.options.indexOf(row.state);

/** Problems first, worst at the top; namespaces keep their order within a state. */
const matching = (rows: StatusRow[], filter: StateFilter, search: string) =>
  rows.filter((row) => keep(row, filter, search.trim().toLowerCase())).sort((a, b) => severity(b) - severity(a));

function AccountCell({ account }: { account: StatusRow['serviceAccounts'][number] }) {
  const { t } = useTranslation();
  return (
    <span className="step" data-account={account.name} data-blocked={account.blocked ? 'true' : undefined}>
      {account.blocked ? <span className="badge state-bad">{t('accessStatus.referenceBlocked')}</span> : <StateBadge state={account.state} />}
      <code>{account.name}</code>
      {account.blocked && <span className="detail">{t('accessStatus.referenceBlockedWhy')}</span>}
    </span>
  );
}

/** The status table of one context: a row per namespace, its worst state first, then each part. */
export function StatusRows({ id, context, rows }: { id: string; context: string; rows: StatusRow[] }) {
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
      columns={[t('clusters.namespace'), t('clusters.status'), t('plan.secrets'), t('plan.serviceAccounts')]}
      renderRow={(row) => (
        <tr key={row.namespace} data-testid="status-row" data-namespace={row.namespace} data-state={row.state}>
          <th scope="row" className="mono">
            {row.namespace}
          </th>
          <td>
            <StateBadge state={row.state} />
          </td>
          <td>
            {row.secrets.map((secret) => (
              <span key={secret.name} className="step">
                <StateBadge state={secret.state} />
                <code>{secret.name}</code>
                {secret.reason && <span className="detail">{t(`access.secretReason.${secret.reason}`)}</span>}
                {secret.expiresAt && <span className="detail"><TimeSentence template="plan.expiresAt" at={secret.expiresAt} /></span>}
              </span>
            ))}
          </td>
          <td>
            {row.serviceAccounts.length === 0 && <span className="muted">—</span>}
            {row.serviceAccounts.map((account) => (
              <AccountCell key={account.name} account={account} />
            ))}
          </td>
        </tr>
      )}
    />
  );
}
