import { useEffect } from 'react';
import type { ContextRow, RadarReport } from '../../../shared/radar-contract';
import { loadAndProbe, useContextsStore } from '../../data/contexts';
import type { MessageKey } from '../../../shared/i18n';
import { countText } from '../../i18n/plural';
import { useTranslation } from '../../i18n/useTranslation';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { TimeSentence } from '../../ui/time/TimeText';
import { CellDrawer } from './CellDrawer';
import { ExpiryTimeline } from './ExpiryTimeline';
import { RadarFilters } from './RadarFilters';
import { RadarMatrix } from './RadarMatrix';
import { NoticeToggle } from './NoticeToggle';
import { ScanBar } from './ScanBar';
import { useRadarStore } from './radar-store';
import { WorkstationFindings } from './WorkstationFindings';
import { contextReading } from './radar-view';
import './radar.css';

/** Namespaces named in a line at most; the rest are counted (the report and its export hold them all). */
const NAMESPACES_SHOWN = 8;

/** A partly read context: the kinds refused, those read namespace by namespace, and the namespaces not read. */
function PartialContext({ row }: { row: ContextRow }) {
  const { t, problemText } = useTranslation();
  const { refused, byNamespace, unread, notTried } = contextReading(row);
  const names = unread.slice(0, NAMESPACES_SHOWN).map(({ namespace, resources }) => (resources.length > 0 ? `${namespace} (${resources.join(', ')})` : namespace)).join(', ');
  return (
    <>
      {refused.length > 0 ? t('radar.context.partial', { context: row.context, resources: refused.join(', ') }) : t('radar.context.readInPart', { context: row.context })}
      {refused.length === 1 && refused[0] === 'externalsecrets' && <span className="detail"> {t('radar.context.engineUnread')}</span>}
      {byNamespace.length > 0 && <span className="detail"> {t('radar.context.byNamespace', { resources: byNamespace.join(', ') })}</span>}
      {unread.length > 0 && (
        <span className="detail" data-testid="radar-unread-namespaces">
          {' '}
          {t('radar.context.unreadNamespaces', { namespaces: unread.length > NAMESPACES_SHOWN ? t('radar.context.more', { shown: names, more: unread.length - NAMESPACES_SHOWN }) : names })}
        </span>
      )}
      {notTried && <span className="detail"> {problemText(notTried)}</span>}
    </>
  );
}

/** Contexts that could not be read, or only in part: each stays a line with its reason. */
function ContextProblems({ report }: { report: RadarReport }) {
  const { t, problemText } = useTranslation();
  const rows = report.contexts.filter((row) => row.state !== 'read');
  if (rows.length === 0) return null;
  return (
    <ul className="radar-context-problems" data-testid="radar-context-problems">
      {rows.map((row) => (
        <li key={row.context} data-state={row.state}>
          {row.state === 'failed' && row.error ? t('radar.context.failed', { context: row.context, reason: problemText(row.error) }) : <PartialContext row={row} />}
        </li>
      ))}
    </ul>
  );
}

function Report({ report }: { report: RadarReport }) {
  const { t, language } = useTranslation();
  const count = (value: number, one: MessageKey, other: MessageKey) => countText(t, language, value, { one, other });
  const params = {
    contexts: count(report.contexts.length, 'radar.count.contexts.one', 'radar.count.contexts.other'),
    workloads: count(report.workloads.length, 'radar.cell.workloads.one', 'radar.cell.workloads.other'),
    secrets: count(report.pullSecrets.length, 'radar.count.pullSecrets.one', 'radar.count.pullSecrets.other'),
    requests: count(report.registryRequests, 'radar.count.requests.one', 'radar.count.requests.other'),
  };
  return (
    <>
      <p data-testid="radar-summary">
        <TimeSentence template="radar.summary" at={report.generatedAt} slot="when" params={params} />
      </p>
      <p className="detail">{t('radar.headNote')}</p>
      <ContextProblems report={report} />
      <RadarFilters report={report} />
      <RadarMatrix report={report} />
      <ExpiryTimeline report={report} />
      <WorkstationFindings report={report} />
      <CellDrawer report={report} />
    </>
  );
}

/** The fleet radar: every context's pull secrets and workloads, what will fail and what expires when. Read only. */
export function RadarScreen() {
  const { t } = useTranslation();
  const report = useRadarStore((state) => state.report);
  const error = useRadarStore((state) => state.error);
  const cancelled = useRadarStore((state) => state.cancelled);
  const savedPath = useRadarStore((state) => state.savedPath);
  useEffect(() => {
    if (!useContextsStore.getState().contexts.data) void loadAndProbe();
  }, []);
  return (
    <section className="screen" aria-labelledby="radar-title">
      <ScreenHeading id="radar-title" title={t('radar.title')} intro={t('radar.intro')} />
      <ProblemBanner problem={error} onDismiss={() => useRadarStore.getState().dismissError()} />
      <ScanBar />
      <NoticeToggle />
      {cancelled && <p role="status">{t('radar.cancelled')}</p>}
      {savedPath && (
        <p role="status" data-testid="radar-saved">
          {t('radar.export.saved', { path: savedPath })}
        </p>
      )}
      {report ? <Report report={report} /> : <p className="muted">{t('radar.never')}</p>}
    </section>
  );
}
