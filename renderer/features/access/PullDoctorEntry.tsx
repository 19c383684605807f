import { selectContexts, useContextsStore } from '../../data/contexts';
import { useTranslation } from '../../i18n/useTranslation';
import { navigate } from '../../data/navigation';
import { Button } from '../../ui/Button';

/** The Clusters screen's way in: every context that answered (or every one, before any probe). */
export function PullDoctorEntry() {
  const { t } = useTranslation();
  const contexts = useContextsStore(selectContexts);
  const reachable = contexts.filter((context) => context.status.state === 'reachable').map((context) => context.name);
  const chosen = reachable.length > 0 ? reachable : contexts.map((context) => context.name);
  return (
    <section className="card doctor-entry" aria-labelledby="doctor-entry-title">
      <h2 id="doctor-entry-title">{t('doctor.entry.open')}</h2>
      <p className="muted">{t('doctor.entry.clusters')}</p>
      <Button disabled={contexts.length === 0} onClick={() => navigate({ screen: 'pull-doctor', prefill: { contexts: chosen, namespaces: [] } })}>
        {t('doctor.find.run')}
      </Button>
    </section>
  );
}
