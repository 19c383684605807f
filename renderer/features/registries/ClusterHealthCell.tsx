import { Fragment } from 'react';
import type { RegistryRefresh } from '../../../shared/access-contract';
import type { RegistryView } from '../../../shared/schemas';
import { selectLastReportOf, useAccessStatusStore } from '../../data/access-status';
import { useRefreshStore } from '../../data/ecr-refresh';
import { navigate } from '../../data/navigation';
import { pluralKey } from '../../i18n/plural';
import { useTranslation, type Translation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { durationText } from '../../ui/time/duration';
import { ExactTime } from '../../ui/time/TimeText';
import { useNow } from '../../ui/time/use-now';
import { clusterHealth, type ClusterHealth } from './cluster-health';

const PROBLEM_KEYS = {
  forbidden: { one: 'registryList.problem.forbidden', other: 'registryList.problem.forbidden' },
  conflict: { one: 'registryList.problem.conflict.one', other: 'registryList.problem.conflict.other' },
  missing: { one: 'registryList.problem.missing', other: 'registryList.problem.missing' },
  drifted: { one: 'registryList.problem.drifted.one', other: 'registryList.problem.drifted.other' },
} as const;

/**
 * A part of the badge; `keep`, a piece of it that never breaks (a duration), lets the rest wrap between
 * words. Its `at` is the moment the duration counts to, shown exact on hover like every other time.
 */
interface HealthPart {
  text: string;
  keep?: { text: string; at: string };
}

/** "2 clusters", "1 drift", "ECR token renews in 11 h 42 min": every part the operator should know, worst first. */
function healthParts({ t, language }: Pick<Translation, 't' | 'language'>, health: ClusterHealth, now: number): HealthPart[] {
  const clusters = (count: number) => t(pluralKey(language, count, { one: 'registryList.clusters.one', other: 'registryList.clusters.other' }), { count });
  const parts: string[] = [];
  if (health.kind === 'none') parts.push(t('registryList.clusters.none'));
  else if (health.clusters !== null) parts.push(clusters(health.clusters));
  if (health.kind === 'unchecked') parts.push(t('registryList.clusters.notChecked'));
  if (health.kind === 'checked') {
    const { unreachable, forbidden } = health.unreadable;
    if (unreachable > 0) parts.push(t('registryList.clusters.unreachable', { count: unreachable }));
    if (forbidden > 0) parts.push(t('registryList.clusters.noAccess', { count: forbidden }));
    for (const problem of health.problems) parts.push(t(pluralKey(language, problem.count, PROBLEM_KEYS[problem.state]), { count: problem.count }));
    if (unreachable + forbidden + health.problems.length === 0) parts.push(t('registryList.clusters.allInSync'));
  }
  if (health.renewal?.state === 'failed') parts.push(t('registryList.ecrRenewFailed'));
  const shown: HealthPart[] = parts.map((text) => ({ text }));
  if (health.renewal?.state === 'scheduled') {
    const time = durationText(t, Date.parse(health.renewal.at) - now);
    shown.push({ text: t('registryList.ecrRenews', { time }), keep: { text: time, at: health.renewal.at } });
  }
  return shown;
}

/** A long part wraps between its words, its duration ("5 h 59 min") kept whole, the exact time on hover as every time. */
function PartText({ part }: { part: HealthPart }) {
  const at = part.keep ? part.text.indexOf(part.keep.text) : -1;
  if (!part.keep || at < 0) return part.text;
  return (
    <>
      {part.text.slice(0, at)}
      <ExactTime className="health-part" at={part.keep.at}>
        {part.keep.text}
      </ExactTime>
      {part.text.slice(at + part.keep.text.length)}
    </>
  );
}

/** Ends every part but the last: the line may break after it, never before it. */
const SEPARATOR_MARK = ' ·';

const NO_REFRESH = undefined as RegistryRefresh | undefined;

/** The registry's health in its clusters, from what the app already knows: no cluster is read for it. */
export function useClusterHealth(registry: RegistryView): ClusterHealth {
  const report = useAccessStatusStore(selectLastReportOf(registry.id));
  const refresh = useRefreshStore((state) => state.registries.find((entry) => entry.registryId === registry.id) ?? NO_REFRESH);
  return clusterHealth(registry, report, refresh);
}

/** The summary in the worst state's colour; it opens Manage access where the problems are. */
export function ClusterHealthLink({ registry, health }: { registry: RegistryView; health: ClusterHealth }) {
  const { t, language } = useTranslation();
  const offset = useRefreshStore((state) => state.clockOffsetMs);
  const now = useNow(30_000, offset);
  const parts = healthParts({ t, language }, health, now);
  const none = health.kind === 'none';
  const open = () =>
    navigate(none ? { screen: 'access', registryId: registry.id, tab: 'settings' } : { screen: 'access', registryId: registry.id, tab: 'status', show: 'problems' });
  return (
    <button
      type="button"
      className="health-link"
      data-testid="cluster-health"
      data-tone={health.tone}
      title={t(none ? 'registryList.openSettings' : 'registryList.openStatus', { name: registry.name })}
      onClick={open}
    >
      {/* On one line where the column has room; in a narrow one it wraps only between parts, each
          part keeping its words (and its " ·") together, so no line reads "not / checked yet". */}
      <Badge tone={health.tone}>
        {parts.map((part, index) => {
          const last = index === parts.length - 1;
          return (
            <Fragment key={index}>
              <span className={part.keep ? 'health-part health-part-wraps' : 'health-part'}>
                <PartText part={part} />
                {!last && SEPARATOR_MARK}
              </span>
              {!last && ' '}
            </Fragment>
          );
        })}
      </Badge>
    </button>
  );
}
