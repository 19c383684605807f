import type { Diagnosis, DiagnosisStep, PodEvent } from '../../../shared/pull-doctor-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { navigate } from '../../data/navigation';
import { Button } from '../../ui/Button';
import { FixActions } from './FixActions';
import { findingText, STEP_TONE } from './finding-text';
import { Badge } from '../../ui/Badge';
import { FailingPods } from './FailingPods';
import { TimeText } from '../../ui/time/TimeText';

function StepItem({ step }: { step: DiagnosisStep }) {
  const { t } = useTranslation();
  return (
    <li className="doctor-step" data-step={step.id} data-state={step.state}>
      <div className="doctor-step-heading">
        <Badge tone={STEP_TONE[step.state]}>{t(`doctor.state.${step.state}`)}</Badge>
        <strong>{t(`doctor.step.${step.id}`)}</strong>
      </div>
      {step.findings.length > 0 && (
        <ul className="doctor-findings">
          {step.findings.map((finding, index) => (
            <li key={index} className={`tone-${finding.tone}`}>
              {finding.params && 'secret' in finding.params && step.id === 'registry' && (
                <strong className="doctor-who">{finding.params.secret ? t('doctor.attempt.entry', { secret: finding.params.secret, key: finding.params.key ?? '', username: finding.params.username ?? '' }) : t('doctor.attempt.anonymous')}: </strong>
              )}
              {findingText(t, finding)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function EventList({ events }: { events: PodEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return null;
  return (
    <section aria-label={t('doctor.events.title')}>
      <h4>{t('doctor.events.title')}</h4>
      <ul className="doctor-events">
        {events.map((event, index) => (
          <li key={index}>
            <Badge tone={event.type === 'Warning' ? 'warn' : 'neutral'}>{event.reason}</Badge> <span className="detail">{event.pod}</span>{' '}
            {event.lastSeen && (
              <span className="detail">
                <TimeText at={event.lastSeen} /> ×{event.count}
              </span>
            )} <span>{event.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One failing image (or a checked one): the verdict sentence, the fixes, and kubelet's path step by step. */
export function DiagnosisCard({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const pods = new Set(diagnosis.containers.map((container) => container.uid)).size;
  return (
    <article className="card doctor-diagnosis" data-testid="diagnosis" data-namespace={diagnosis.namespace} aria-label={diagnosis.image}>
      <div className="context-card-heading">
        <h3>
          <code>{diagnosis.image}</code>
        </h3>
        {pods > 0 && <Badge tone="error">{t('doctor.group.pods', { count: pods })}</Badge>}
        <span className="detail">{t('doctor.group.where', { namespace: diagnosis.namespace, context: diagnosis.context })}</span>
        {diagnosis.normalized && (
          <Button small tone="quiet" onClick={() => navigate({ screen: 'registry-browser', image: diagnosis.normalized! })}>
            {t('browse.openInBrowser')}
          </Button>
        )}
      </div>
      <p className="detail">
        {diagnosis.pullSecrets.length > 0 ? t('doctor.group.pullSecrets', { secrets: diagnosis.pullSecrets.join(', ') }) : t('doctor.group.noPullSecrets')}
        {diagnosis.serviceAccount && ` · ${t('doctor.group.serviceAccount', { serviceAccount: diagnosis.serviceAccount })}`}
      </p>
      <p className={`doctor-verdict tone-${diagnosis.verdict.tone}`} data-testid="verdict">
        {findingText(t, diagnosis.verdict)}
      </p>
      <FixActions fixes={diagnosis.fixes} />
      <FailingPods image={diagnosis.image} containers={diagnosis.containers} />
      <details className="doctor-details">
        <summary>{t('doctor.group.details')}</summary>
        <ol className="doctor-steps">
          {diagnosis.steps.map((step) => (
            <StepItem key={step.id} step={step} />
          ))}
        </ol>
        <EventList events={diagnosis.events} />
      </details>
    </article>
  );
}
