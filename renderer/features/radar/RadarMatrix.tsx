import type { RadarCell, RadarReport } from '../../../shared/radar-contract';
import { countText } from '../../i18n/plural';
import { useTranslation, type Translation } from '../../i18n/useTranslation';
import { DataTable } from '../../ui/DataTable';
import { HostText } from '../../ui/HostText';
import { Pager } from '../../ui/Pager';
import { usePage } from '../../ui/use-page';
import { matrixRows, registryColumns } from './radar-view';
import { useRadarStore } from './radar-store';

function CellButton({ cell }: { cell: RadarCell }) {
  const translation = useTranslation();
  const { t } = translation;
  const state = t(`radar.tone.${cell.worst}`);
  const namespace = cell.namespace === '' ? t('radar.matrix.wholeContext') : cell.namespace;
  return (
    <button
      type="button"
      className={`radar-cell radar-${cell.worst}`}
      data-testid="radar-cell"
      data-worst={cell.worst}
      onClick={() => useRadarStore.getState().openCell(cell)}
    >
      <span className="radar-cell-state">{state}</span>
      <span className="visually-hidden">{t('radar.cell.where', { registry: cell.registry, namespace, context: cell.context })}</span>
      <span className="radar-cell-counts">{cellCounts(translation, cell)}</span>
    </button>
  );
}

/** What a cell counts: a context not read at all, the lists refused where nothing was read ("0 workloads" would claim an empty namespace), else workloads and secrets. */
function cellCounts({ t, language }: Translation, cell: RadarCell): string {
  if (cell.namespace === '') return t('radar.cell.wholeContext');
  if (cell.worst === 'unread' && cell.workloads === 0 && cell.secrets === 0) return t('radar.cell.refused', { kinds: cell.unread.length });
  const workloads = countText(t, language, cell.workloads, { one: 'radar.cell.workloads.one', other: 'radar.cell.workloads.other' });
  return t('radar.cell.counts', { workloads, secrets: countText(t, language, cell.secrets, { one: 'radar.cell.secrets.one', other: 'radar.cell.secrets.other' }) });
}

/** Cluster × namespace down, registries across; each cell coloured by the worst real state in it. */
export function RadarMatrix({ report }: { report: RadarReport }) {
  const { t } = useTranslation();
  const filters = useRadarStore((state) => state.filters);
  const columns = registryColumns(report, filters.registry);
  const page = usePage(matrixRows(report, filters, Date.parse(report.generatedAt)));
  if (page.total === 0) return <p className="muted">{t('radar.matrix.empty')}</p>;
  return (
    <>
      {/* Registries across grow with the fleet: a genuine matrix, the one table allowed to scroll, with its row names held in place. */}
      <DataTable matrix caption={t('radar.matrix.caption')} columns={[t('radar.matrix.where'), ...columns.map((registry) => <HostText key={registry} value={registry} />)]} className="radar-matrix" testId="radar-matrix">
        {page.rows.map((row) => (
          <tr key={row.key} data-testid="radar-row" data-context={row.context} data-namespace={row.namespace}>
            <th scope="row">
              <span className="radar-context">{row.context}</span> /{' '}
              {/* A context not read at all stands as one row for all of it, since none of its namespaces is known. */}
              {row.namespace === '' ? (
                <span className="muted">{t('radar.matrix.wholeContext')}</span>
              ) : (
                <span className="mono">
                  <HostText value={row.namespace} />
                </span>
              )}
            </th>
            {columns.map((registry) => {
              const cell = row.cells.get(registry);
              return <td key={registry}>{cell ? <CellButton cell={cell} /> : <span className="muted">—</span>}</td>;
            })}
          </tr>
        ))}
      </DataTable>
      <Pager page={page} label={t('radar.matrix.pager')} />
    </>
  );
}
