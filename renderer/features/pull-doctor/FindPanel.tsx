import type { FindResult } from '../../../shared/pull-doctor-contract';
import { selectContexts, useContextsStore } from '../../data/contexts';
import { useTranslation } from '../../i18n/useTranslation';
import { selectRegistry, useRegistriesStore } from '../../data/registries';
import { usePullDoctorStore } from './pull-doctor-store';
import { Button } from '../../ui/Button';
import { NamespaceField } from './NamespaceField';

function ScanNotes({ result }: { result: FindResult }) {
  const { t, problemText } = useTranslation();
  const pods = result.contexts.reduce((sum, scan) => sum + scan.failingPods, 0);
  return (
    <div className="doctor-scan" role="status" data-testid="scan-summary">
      <p className="detail">{t('doctor.find.summary', { pods, groups: result.diagnoses.length, requests: result.registryRequests, seconds: (result.durationMs / 1000).toFixed(1) })}</p>
      {result.contexts.map((scan) => (
        <div key={scan.context}>
          {scan.error && <p className="field-error">{t('doctor.context.failed', { context: scan.context, error: problemText(scan.error) })}</p>}
          {scan.events === 'forbidden' && <p className="detail">{t('doctor.context.eventsForbidden', { context: scan.context })}</p>}
          {scan.nodes === 'forbidden' && <p className="detail">{t('doctor.context.nodesForbidden', { context: scan.context })}</p>}
        </div>
      ))}
      {result.diagnoses.length === 0 && <p className="empty-state">{t('doctor.find.none')}</p>}
    </div>
  );
}

/** Where to look: contexts of the kubeconfig and namespaces (or all of them). */
export function FindPanel() {
  const { t } = useTranslation();
  const contexts = useContextsStore(selectContexts);
  const scope = usePullDoctorStore((state) => state.scope);
  const finding = usePullDoctorStore((state) => state.finding);
  const result = usePullDoctorStore((state) => state.result);
  const registryName = useRegistriesStore((state) => selectRegistry(scope.registryId)(state)?.name);
  const { setContexts, find, stopFind, clearRegistry } = usePullDoctorStore.getState();
  const toggle = (name: string, on: boolean) => setContexts(on ? [...scope.contexts, name] : scope.contexts.filter((context) => context !== name));
  return (
    <section className="card" aria-labelledby="doctor-find-title">
      <h2 id="doctor-find-title">{t('doctor.find.title')}</h2>
      {/* The forms' column, so the contexts and the namespaces do not touch. */}
      <form
        className="registry-form"
        onSubmit={(event) => {
          event.preventDefault();
          void find();
        }}
      >
        <fieldset className="field">
          <legend>{t('doctor.find.contexts')}</legend>
          <div className="doctor-contexts">
            {contexts.map((context) => (
              <label key={context.name} className="checkbox">
                <input type="checkbox" checked={scope.contexts.includes(context.name)} onChange={(event) => toggle(context.name, event.target.checked)} /> {context.name}
              </label>
            ))}
          </div>
          {scope.contexts.length === 0 && <p className="field-hint">{t('doctor.find.noContexts')}</p>}
        </fieldset>
        <NamespaceField
          actions={
            <>
              <Button type="submit" tone="primary" disabled={finding || scope.contexts.length === 0}>
                {t(finding ? 'doctor.find.running' : 'doctor.find.run')}
              </Button>
              {finding && (
                <Button tone="quiet" onClick={stopFind}>
                  {t('doctor.find.stop')}
                </Button>
              )}
            </>
          }
        />
        {registryName && (
          <p className="detail">
            {t('doctor.find.registryFilter', { registry: registryName })}{' '}
            <Button tone="quiet" onClick={clearRegistry}>
              {t('doctor.find.clearFilter')}
            </Button>
          </p>
        )}
      </form>
      {result && !finding && <ScanNotes result={result} />}
    </section>
  );
}
