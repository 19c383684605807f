import { selectContexts, useContextsStore } from '../../data/contexts';
import { useTranslation } from '../../i18n/useTranslation';
import { DiagnosisCard } from './DiagnosisCard';
import { usePullDoctorStore, type CheckForm } from './pull-doctor-store';
import { Button } from '../../ui/Button';

function TextInput({ field, label, hint, required = false }: { field: Exclude<keyof CheckForm, 'context'>; label: string; hint?: string; required?: boolean }) {
  const { t } = useTranslation();
  const value = usePullDoctorStore((state) => state.check[field]);
  const touched = usePullDoctorStore((state) => state.checkTouched);
  const missing = required && touched && value.trim() === '';
  const id = `doctor-check-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} aria-invalid={missing || undefined} aria-describedby={hint || missing ? `${id}-note` : undefined} onChange={(event) => usePullDoctorStore.getState().editCheck({ [field]: event.target.value })} />
      {(hint || missing) && (
        <p id={`${id}-note`} className={missing ? 'field-error' : 'field-hint'}>
          {missing ? t('doctor.check.required') : hint}
        </p>
      )}
    </div>
  );
}

/** "Would this pull?": an image, a namespace and the pod's ServiceAccount or pull secrets, before deploying. */
export function CheckPanel() {
  const { t, problemText } = useTranslation();
  const contexts = useContextsStore(selectContexts);
  const context = usePullDoctorStore((state) => state.check.context);
  const checking = usePullDoctorStore((state) => state.checking);
  const checked = usePullDoctorStore((state) => state.checked);
  const error = usePullDoctorStore((state) => state.checkError);
  const selected = context || contexts[0]?.name || '';
  return (
    <section className="card" aria-labelledby="doctor-check-title">
      <h2 id="doctor-check-title">{t('doctor.check.title')}</h2>
      <p className="muted">{t('doctor.check.intro')}</p>
      <form
        className="doctor-check-form"
        onSubmit={(event) => {
          event.preventDefault();
          usePullDoctorStore.getState().editCheck({ context: selected });
          void usePullDoctorStore.getState().runCheck();
        }}
      >
        <div className="field">
          <label htmlFor="doctor-check-context">{t('doctor.check.context')}</label>
          <select id="doctor-check-context" value={selected} onChange={(event) => usePullDoctorStore.getState().editCheck({ context: event.target.value })}>
            {contexts.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name}
              </option>
            ))}
          </select>
        </div>
        <TextInput field="namespace" label={t('doctor.check.namespace')} required />
        <TextInput field="image" label={t('doctor.check.image')} required />
        <TextInput field="serviceAccount" label={t('doctor.check.serviceAccount')} />
        <TextInput field="pullSecrets" label={t('doctor.check.pullSecrets')} hint={t('doctor.check.pullSecretsHint')} />
        <div className="form-actions">
          <Button type="submit" tone="primary" disabled={checking || !selected}>
            {t(checking ? 'doctor.check.running' : 'doctor.check.run')}
          </Button>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {problemText(error)}
        </p>
      )}
      {checked && <DiagnosisCard diagnosis={checked} />}
    </section>
  );
}
