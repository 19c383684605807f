import type { ContextView } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge, type BadgeTone } from '../../ui/Badge';

/** A context's health in words: broken entry, reachable with its version, or why it is not. */
export function ContextStatusText({ context }: { context: ContextView }) {
  const { t, problemText } = useTranslation();
  const { status, problem } = context;
  const badge = (tone: BadgeTone, text: string) => <Badge tone={tone}>{text}</Badge>;

  if (problem) {
    return (
      <span className="context-status">
        {badge('error', t('clusters.broken'))}
        <span className="detail">{problemText(problem)}</span>
      </span>
    );
  }
  switch (status.state) {
    case 'reachable':
      return (
        <span className="context-status">
          {badge('ok', t('access.context.reachable'))}
          <span className="detail">
            {t('clusters.version', { version: status.serverVersion ?? '?' })}
            {status.latencyMs !== undefined && ` · ${t('clusters.latency', { ms: Math.round(status.latencyMs) })}`}
          </span>
        </span>
      );
    case 'unreachable':
      return (
        <span className="context-status">
          {badge('error', t('access.context.unreachable'))}
          {status.error && <span className="detail">{problemText(status.error)}</span>}
        </span>
      );
    case 'checking':
      return <span className="context-status">{badge('neutral', t('access.context.checking'))}</span>;
    case 'unchecked':
      return <span className="context-status">{badge('neutral', t('access.context.unchecked'))}</span>;
  }
}
