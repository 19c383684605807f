import type { RunningPod, RunsReport, RunState } from '../../../shared/registry-browser-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { DIGEST_SHOWN, HostText } from '../../ui/HostText';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useBrowserStore } from './browser-store';
import { Reading } from './ListProgress';

const TONE: Record<RunState, BadgeTone> = { 'runs-it': 'ok', 'tag-moved': 'warn', 'not-started': 'neutral', 'in-repository': 'info' };

function PodRows({ pods, caption }: { pods: RunningPod[]; caption: string }) {
  const { t } = useTranslation();
  const columns = (['pod', 'image', 'running', 'state'] as const).map((column) => t(`browse.runs.column.${column}`));
  return (
    <DataTable caption={caption} columns={columns} className="browse-runs" testId="browse-runs">
      {pods.map((pod) => (
        <tr key={`${pod.context}\u0000${pod.namespace}\u0000${pod.pod}\u0000${pod.container}`} data-state={pod.state}>
          {/* Context and namespace fold into the pod's detail line, and a digest is cut in the middle (whole on hover, copyable): the table fits a 1024 px window. */}
          <td>
            {pod.pod} <span className="muted">({pod.container})</span>
            <p className="detail">
              <HostText value={`${pod.context} / ${pod.namespace}`} />
            </p>
          </td>
          <td className="mono">
            <HostText value={pod.image} />
          </td>
          <td className="mono">{pod.runningDigest ? <HostText value={pod.runningDigest} truncateAt={DIGEST_SHOWN} /> : t('browse.unknown')}</td>
          <td>
            <Badge tone={TONE[pod.state]}>{t(`browse.runs.state.${pod.state}`)}</Badge>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** What the tag names now, when some pods started from it run something else. */
function MovedNote({ report, reference }: { report: RunsReport; reference: string | null }) {
  const { t } = useTranslation();
  const moved = report.pods.filter((pod) => pod.state === 'tag-moved').length;
  if (!reference || moved === 0) return null;
  return <p className="browse-moved">{report.digest ? t('browse.runs.moved', { reference, digest: report.digest, count: moved }) : t('browse.runs.tagGone', { reference, count: moved })}</p>;
}

/** The pods in the kubeconfig's contexts that run this repository or image, read when asked (every context is listed). */
export function WhereItRuns() {
  const { t } = useTranslation();
  const { level, reference, runs, findRuns, cancelRuns } = useBrowserStore();
  const asked = level === 'image' ? reference : null;
  const failed = runs.report?.contexts.filter((row) => row.error) ?? [];
  return (
    <section className="browse-runs-section" aria-labelledby="browse-runs-title">
      <div className="browse-row">
        <h3 id="browse-runs-title">{t('browse.runs.title')}</h3>
        <Button small onClick={findRuns} disabled={runs.loading}>
          {t('browse.runs.find')}
        </Button>
      </div>
      <p className="muted">{t('browse.runs.intro')}</p>
      {runs.loading && <Reading onCancel={cancelRuns} />}
      <ProblemBanner problem={runs.error} />
      {runs.report && (
        <>
          <MovedNote report={runs.report} reference={asked} />
          {runs.report.pods.length > 0 ? (
            <PodRows pods={runs.report.pods} caption={t('browse.runs.caption', { about: runs.about ?? '' })} />
          ) : (
            <p className="muted">{t('browse.runs.none', { count: runs.report.contexts.length })}</p>
          )}
          {failed.map((row) => (
            <ProblemBanner key={row.context} problem={row.error} />
          ))}
        </>
      )}
    </section>
  );
}
