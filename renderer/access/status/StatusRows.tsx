import { useState } from 'react';
import { AccessStateSchema, type StatusRow } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { accessStateLabel } from '../labels';
import { Pager } from '../Pager';
import { toneOf } from '../tones';
import { usePage } from '../use-page';

type StateFilter = 'all' | 'attention' | StatusRow['state'];

function StateBadge({ state }: { state: StatusRow['state'] }) {
  const { t } = useTranslation();
  return <span className={`badge state-${toneOf(state)}`}>{accessStateLabel(t)(state)}</span>;
}

const keep = (row: StatusRow, filter: StateFilter, needle: string) =>
  (needle === '' || row.namespace.includes(needle)) && (filter === 'all' || (filter === 'attention' ? row.state !== 'in-sync' : row.state === filter));

/** The status table of one context: a row per namespace, its worst state first, then each part. */
export function StatusRows({ id, context, rows }: { id: string; context: string; rows: StatusRow[] }) {
  const { t, language } = useTranslation();
  const [filter, setFilter] = useState<StateFilter>('all');
  const [search, setSearch] = useState('');
  const page = usePage(rows.filter((row) => keep(row, filter, search.trim().toLowerCase())));
  if (rows.length === 0) return null;
  return (
    <div className="namespace-rows">
      <div className="row-filter">
        <label htmlFor={`${id}-filter`}>{t('table.show')}</label>
        <select id={`${id}-filter`} value={filter} onChange={(event) => setFilter(event.target.value as StateFilter)}>
          <option value="all">{t('table.filter.all')}</option>
          <option value="attention">{t('table.filter.attention')}</option>
          {AccessStateSchema.options.map((state) => (
            <option key={state} value={state}>
              {accessStateLabel(t)(state)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-search`}>{t('table.searchNamespace')}</label>
        <input id={`${id}-search`} type="search" className="search-input" value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      <div className="table-frame">
        <table className="registry-table access-table" data-testid="status-table">
          <caption className="visually-hidden">{t('accessStatus.tableCaption', { context })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clusters.namespace')}</th>
              <th scope="col">{t('clusters.status')}</th>
              <th scope="col">{t('plan.secrets')}</th>
              <th scope="col">{t('plan.serviceAccounts')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
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
                      {secret.expiresAt && <span className="detail">{t('plan.expiresAt', { at: new Date(secret.expiresAt).toLocaleString(language) })}</span>}
                    </span>
                  ))}
                </td>
                <td>
                  {row.serviceAccounts.length === 0 && <span className="muted">—</span>}
                  {row.serviceAccounts.map((account) => (
                    <span key={account.name} className="step">
                      <StateBadge state={account.state} />
                      <code>{account.name}</code>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
            {page.total === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('table.noMatch')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager page={page} label={t('table.pages', { context })} />
    </div>
  );
}
