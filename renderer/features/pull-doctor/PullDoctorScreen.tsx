import { useEffect } from 'react';
import { loadAndProbe, probeUnchecked, useContextsStore } from '../../data/contexts';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useTranslation } from '../../i18n/useTranslation';
import { CheckPanel } from './CheckPanel';
import { DiagnosisCard } from './DiagnosisCard';
import { FindPanel } from './FindPanel';
import { usePullDoctorStore } from './pull-doctor-store';
import './pull-doctor.css';

/** The pull doctor: failing pods found and explained, and images checked before they are deployed. */
export function PullDoctorScreen() {
  const { t } = useTranslation();
  const result = usePullDoctorStore((state) => state.result);
  const finding = usePullDoctorStore((state) => state.finding);
  const error = usePullDoctorStore((state) => state.findError);
  const listError = useContextsStore((state) => state.contexts.error);
  useEffect(() => {
    void (useContextsStore.getState().contexts.data ? probeUnchecked() : loadAndProbe());
  }, []);
  return (
    <section className="screen" aria-labelledby="doctor-title">
      <ScreenHeading id="doctor-title" title={t('doctor.title')} intro={t('doctor.intro')} />
      <ProblemBanner problem={error ?? listError} onDismiss={() => usePullDoctorStore.getState().dismissErrors()} />
      <FindPanel />
      {finding && (
        <p className="muted" role="status">
          {t('doctor.find.running')}
        </p>
      )}
      {!finding && result?.diagnoses.map((diagnosis) => <DiagnosisCard key={diagnosis.id} diagnosis={diagnosis} />)}
      <CheckPanel />
    </section>
  );
}
