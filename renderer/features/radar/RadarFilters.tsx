import type { RadarReport } from '../../../shared/radar-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { registryColumns, type ShowFilter } from './radar-view';
import { useRadarStore } from './radar-store';

const WINDOWS = [1, 7, 14, 30, 90] as const;
const SHOW: ShowFilter[] = ['problems', 'problemsOnly', 'all'];

/** The expiry windows offered, as options: the filter's and the re-scan's notices alike. */
export function WindowOptions() {
  const { t } = useTranslation();
  return WINDOWS.map((days) => (
    <option key={days} value={days}>
      {t('radar.filter.days', { days })}
    </option>
  ));
}

/** Problems first (the default), one registry, an expiry window: for the matrix and the timeline alike. */
export function RadarFilters({ report }: { report: RadarReport }) {
  const { t } = useTranslation();
  const filters = useRadarStore((state) => state.filters);
  const setFilters = useRadarStore.getState().setFilters;
  return (
    <div className="radar-filters">
      <label>
        {t('radar.filter.show')}
        <select value={filters.show} onChange={(event) => setFilters({ show: event.target.value as ShowFilter })}>
          {SHOW.map((show) => (
            <option key={show} value={show}>
              {t(`radar.filter.${show}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('radar.filter.registry')}
        <select value={filters.registry} onChange={(event) => setFilters({ registry: event.target.value })}>
          <option value="">{t('radar.filter.anyRegistry')}</option>
          {registryColumns(report, '').map((registry) => (
            <option key={registry} value={registry}>
              {registry}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('radar.filter.window')}
        <select value={filters.windowDays ?? ''} onChange={(event) => setFilters({ windowDays: event.target.value === '' ? null : Number(event.target.value) })}>
          <option value="">{t('radar.filter.anyTime')}</option>
          <WindowOptions />
        </select>
      </label>
    </div>
  );
}
