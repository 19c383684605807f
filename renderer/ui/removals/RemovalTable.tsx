import { useTranslation } from '../../i18n/useTranslation';
import { pluralKey } from '../../i18n/plural';
import { HostText } from '../HostText';
import { UnbrokenNames } from '../UnbrokenNames';
import { Badge } from '../Badge';
import { groupRemovals, type Removal, type UncheckedCluster } from './removals';

const LISTED = 200;

function CountText({ count }: { count: number }) {
  const { t, language } = useTranslation();
  return <span className="change-count">{t(pluralKey(language, count, { one: 'changes.count.one', other: 'changes.count' }), { count: count.toLocaleString(language) })}</span>;
}

function RemovalRow({ removal }: { removal: Removal }) {
  const { t } = useTranslation();
  return (
    <tr data-testid="removal-row" data-kind={removal.kind}>
      <td>{removal.kind}</td>
      <td className="mono change-name">{removal.name}</td>
      {/* The secret's name stays whole where the sentence wraps ("docker-" / "hub-pull-secret" in a narrow Chinese column). */}
      <td>{removal.dropsReference ? <UnbrokenNames text={t('changes.dropReference', { secret: removal.dropsReference })} /> : t('changes.delete')}</td>
    </tr>
  );
}

/** A cluster that could not be checked: its own group with a badge instead of a count, and the reason as its one row. */
function UncheckedGroup({ cluster }: { cluster: UncheckedCluster }) {
  const { t, problemText } = useTranslation();
  return (
    <tbody data-testid="removal-cluster" data-context={cluster.context} data-state="not-checked">
      <tr className="change-group-cluster">
        <th scope="colgroup" colSpan={3}>
          {t('changes.cluster')} <HostText value={cluster.context} /> <Badge tone="warn">{t('changes.notChecked')}</Badge>
        </th>
      </tr>
      <tr data-testid="not-checked-row">
        <td colSpan={3} className="change-not-checked">
          {cluster.error && <span className="change-reason">{problemText(cluster.error)}</span>}
          <span className="change-stays">{t('changes.notCheckedStays')}</span>
        </td>
      </tr>
    </tbody>
  );
}

/**
 * What a removal or delete takes out of the clusters, objects of any kind, as a table grouped
 * cluster → namespace (or cluster-wide) → object, each group counted; names are never broken inside.
 * Clusters that could not be checked lead, as groups of their own, each with its reason. With more
 * than one cluster, each cluster's count also shows above the table, so the counts on screen add up to the total.
 */
export function RemovalTable({ removals, unchecked = [] }: { removals: Removal[]; unchecked?: UncheckedCluster[] }) {
  const { t } = useTranslation();
  const clusters = groupRemovals(removals, LISTED);
  return (
    <>
      {/* The table scrolls: a second cluster's group would sit below the fold, its count unseen beside the total. */}
      {clusters.length > 1 && (
        <p className="removal-clusters" data-testid="removal-clusters">
          {clusters.map((cluster) => (
            <span key={cluster.context} data-context={cluster.context}>
              {t('changes.cluster')} <HostText value={cluster.context} /> <CountText count={cluster.count} />
            </span>
          ))}
        </p>
      )}
      <div className="table-frame change-table-frame" tabIndex={0} role="region" aria-label={t('cleanup.listLabel')}>
        <table className="registry-table change-table" data-testid="removal-list">
          <caption className="visually-hidden">{t('changes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('changes.kind')}</th>
              <th scope="col">{t('changes.name')}</th>
              <th scope="col">{t('changes.change')}</th>
            </tr>
          </thead>
          {/* First: in a long list that scrolls, what could not be checked would otherwise hide below the fold. */}
          {unchecked.map((cluster) => (
            <UncheckedGroup key={cluster.context} cluster={cluster} />
          ))}
          {clusters.map((cluster) => (
            <tbody key={cluster.context} data-testid="removal-cluster" data-context={cluster.context}>
              <tr className="change-group-cluster">
                <th scope="colgroup" colSpan={3}>
                  {t('changes.cluster')} <HostText value={cluster.context} /> <CountText count={cluster.count} />
                </th>
              </tr>
              {cluster.namespaces.map((namespace) => [
                <tr key={namespace.namespace} className="change-group-namespace" data-testid="removal-namespace" data-namespace={namespace.namespace}>
                  <th scope="colgroup" colSpan={3}>
                    {namespace.namespace ? (
                      <>
                        {t('clusters.namespace')} <span className="mono change-name">{namespace.namespace}</span>
                      </>
                    ) : (
                      t('changes.clusterWide')
                    )}{' '}
                    <CountText count={namespace.count} />
                  </th>
                </tr>,
                ...namespace.removals.map((removal) => <RemovalRow key={`${namespace.namespace}/${removal.kind}/${removal.name}/${removal.dropsReference ?? ''}`} removal={removal} />),
              ])}
            </tbody>
          ))}
        </table>
      </div>
      {removals.length > LISTED && <p className="detail">{t('cleanup.more', { count: removals.length - LISTED })}</p>}
    </>
  );
}
