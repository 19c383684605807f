import { useRef } from 'react';
import type { AccessProgress, Plan } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { useOperationStore } from '../operation-store';
import { useFocusWhenLost } from '../../../ui/use-focus-when-lost';
import { Button } from '../../../ui/Button';

/** Before main's first progress event: everything still to do, as the plan counts it. */
function startingProgress(plan: Plan | null): Pick<AccessProgress, 'total' | 'done' | 'failed' | 'contexts'> {
  const contexts = (plan?.contexts ?? []).map((context) => ({ context: context.context, total: context.namespaces.length, done: 0, failed: 0 }));
  return { total: contexts.reduce((sum, context) => sum + context.total, 0), done: 0, failed: 0, contexts };
}

function Bar({ id, label, done, total, failed }: { id: string; label: string; done: number; total: number; failed: number }) {
  const { t, language } = useTranslation();
  const number = (value: number) => value.toLocaleString(language);
  return (
    <div className="progress-line">
      <span id={id} className="progress-label">
        {label}
      </span>
      <progress aria-labelledby={id} aria-describedby={`${id}-text`} max={Math.max(total, 1)} value={done} />
      <span id={`${id}-text`} className="detail">
        {t('apply.progress', { done: number(done), total: number(total) })}
        {failed > 0 && ` · ${t('apply.failedCount', { count: number(failed) })}`}
      </span>
    </div>
  );
}

/** The apply in flight: overall and per-context progress fed by main's events, and Cancel. */
export function ApplyProgress() {
  const { t } = useTranslation();
  const running = useOperationStore((state) => state.running);
  const plan = useOperationStore((state) => state.plan);
  const cancel = useOperationStore((state) => state.cancel);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(title);
  if (!running) return null;
  const progress = running.progress ?? startingProgress(plan);
  const cancelling = running.cancelling || running.progress?.state === 'cancelling';
  return (
    <section className="card apply-progress" aria-labelledby="apply-title" data-testid="apply-progress">
      <h2 id="apply-title" ref={title} tabIndex={-1}>{t(plan?.kind === 'cleanup' ? 'apply.cleanupTitle' : 'apply.title')}</h2>
      <Bar id="apply-overall" label={t('apply.overall')} done={progress.done} total={progress.total} failed={progress.failed} />
      {progress.contexts.length > 1 &&
        progress.contexts.map((context, index) => (
          <Bar key={context.context} id={`apply-context-${index}`} label={context.context} done={context.done} total={context.total} failed={context.failed} />
        ))}
      <p className="detail" role="status">
        {cancelling ? t('apply.cancelling') : t('apply.running')}
      </p>
      <div className="form-actions">
        <Button tone="danger" disabled={cancelling} onClick={() => void cancel()}>
          {t('apply.cancel')}
        </Button>
      </div>
    </section>
  );
}
