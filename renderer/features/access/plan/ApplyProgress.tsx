import { useRef } from 'react';
import type { AccessProgress, ContextPlan, Plan } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { useOperationStore } from '../operation-store';
import { useFocusWhenLost } from '../../../ui/use-focus-when-lost';
import { Button } from '../../../ui/Button';

/** Before main's first progress event: everything still to do, as the plan counts it. */
function startingProgress(plan: Plan | null): Pick<AccessProgress, 'total' | 'done' | 'failed' | 'contexts'> {
  const contexts = (plan?.contexts ?? []).map((context) => ({ context: context.context, total: context.namespaces.length, done: 0, failed: 0 }));
  return { total: contexts.reduce((sum, context) => sum + context.total, 0), done: 0, failed: 0, contexts };
}

interface BarProps {
  id: string;
  label: string;
  done: number;
  total: number;
  failed: number;
  /** Why a context does nothing: it could not be read, so "0 of 0" would hide the reason. */
  skipped?: ContextPlan['state'] | undefined;
}

function Bar({ id, label, done, total, failed, skipped }: BarProps) {
  const { t, language } = useTranslation();
  const number = (value: number) => value.toLocaleString(language);
  return (
    <div className="progress-line" data-testid="progress-line" data-skipped={skipped}>
      <span id={id} className="progress-label" title={label}>
        {label}
      </span>
      <progress aria-labelledby={id} aria-describedby={`${id}-text`} max={Math.max(total, 1)} value={skipped ? 0 : done} />
      <span id={`${id}-text`} className="detail progress-text">
        {skipped ? t('apply.skipped', { reason: t(`plan.contextState.${skipped}`).toLowerCase() }) : t('apply.progress', { done: number(done), total: number(total) })}
        {failed > 0 && ` · ${t('apply.failedCount', { count: number(failed) })}`}
      </span>
    </div>
  );
}

const UNREAD: ReadonlySet<ContextPlan['state']> = new Set(['unreachable', 'broken', 'forbidden']);

/** The contexts worth a bar: those with work, and those skipped because they could not be read. */
function contextBars(plan: Plan | null, contexts: AccessProgress['contexts']) {
  const stateOf = new Map((plan?.contexts ?? []).map((context) => [context.context, context.state]));
  return contexts.flatMap((context) => {
    const state = stateOf.get(context.context);
    const skipped = state !== undefined && UNREAD.has(state) ? state : undefined;
    return skipped || context.total > 0 ? [{ ...context, skipped }] : [];
  });
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
        contextBars(plan, progress.contexts).map((context, index) => (
          <Bar key={context.context} id={`apply-context-${index}`} label={context.context} done={context.done} total={context.total} failed={context.failed} skipped={context.skipped} />
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
