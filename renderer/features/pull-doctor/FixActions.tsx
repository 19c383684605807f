import { useState } from 'react';
import type { Fix } from '../../../shared/pull-doctor-contract';
import { callApi } from '../../api/call-api';
import { navigate } from '../../data/navigation';
import { useTranslation, type Problem } from '../../i18n/useTranslation';
import { selectRegistry, useRegistriesStore } from '../../data/registries';
import { accessSettingsForFix } from '../../../shared/pull-doctor-access';
import { Button } from '../../ui/Button';
import { CommandBlock } from '../../ui/CommandBlock';

type Outcome = { state: 'idle' | 'running' } | { state: 'done'; text: string } | { state: 'failed'; error: Problem };

/** "Inject registry X into this namespace": Manage access of X, prefilled, at its preview. */
function openInjectPreview(fix: Extract<Fix, { kind: 'inject' }>): void {
  const registry = selectRegistry(fix.registryId)(useRegistriesStore.getState());
  if (!registry) return;
  navigate({ screen: 'access', registryId: registry.id, tab: 'plan', prefill: accessSettingsForFix(registry, fix) });
}

function ActionFix({ fix }: { fix: Extract<Fix, { kind: 'add-to-service-account' | 'renew-ecr' }> }) {
  const { t, problemText } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const registryName = useRegistriesStore((state) => selectRegistry(fix.registryId)(state)?.name ?? '');
  async function run() {
    setOutcome({ state: 'running' });
    if (fix.kind === 'renew-ecr') {
      const result = await callApi('access:refresh-now', { registryId: fix.registryId });
      if (!result.ok) return setOutcome({ state: 'failed', error: result.error });
      if (result.value.lastError && result.value.state === 'failed') return setOutcome({ state: 'failed', error: result.value.lastError });
      return setOutcome({ state: 'done', text: t('doctor.fix.renewed', { registry: fix.registryName }) });
    }
    const { kind: _kind, ...request } = fix;
    const result = await callApi('pull-doctor:add-to-service-account', request);
    if (!result.ok) return setOutcome({ state: 'failed', error: result.error });
    setOutcome({ state: 'done', text: t(result.value.outcome === 'done' ? 'doctor.fix.added' : 'doctor.fix.alreadyListed', { secret: fix.secret, serviceAccount: fix.serviceAccount }) });
  }
  const label = fix.kind === 'renew-ecr' ? t('doctor.fix.renewEcr', { registry: fix.registryName || registryName }) : t('doctor.fix.addToAccount', { secret: fix.secret, serviceAccount: fix.serviceAccount });
  return (
    <li className="doctor-fix">
      <Button disabled={outcome.state === 'running' || outcome.state === 'done'} onClick={() => void run()}>
        {label}
      </Button>
      {outcome.state === 'done' && <span className="detail" role="status">{outcome.text}</span>}
      {outcome.state === 'failed' && <span className="field-error" role="alert">{problemText(outcome.error)}</span>}
    </li>
  );
}

function CommandFix({ fix }: { fix: Extract<Fix, { kind: 'command' }> }) {
  const { t } = useTranslation();
  return (
    <li className="doctor-fix doctor-command">
      <p>{t(fix.purpose === 'restart' ? 'doctor.fix.restart' : 'doctor.fix.patchAccount')}</p>
      <CommandBlock command={fix.command} testId="fix-command" />
    </li>
  );
}

/** What the app can do about a verdict, and the commands it leaves to the operator. */
export function FixActions({ fixes }: { fixes: Fix[] }) {
  const { t } = useTranslation();
  if (fixes.length === 0) return null;
  return (
    <section className="doctor-fixes" aria-label={t('doctor.fixes.title')}>
      <h4>{t('doctor.fixes.title')}</h4>
      <ul>
        {fixes.map((fix, index) => {
          if (fix.kind === 'command') return <CommandFix key={index} fix={fix} />;
          if (fix.kind !== 'inject') return <ActionFix key={index} fix={fix} />;
          return (
            <li key={index} className="doctor-fix">
              <Button tone="primary" onClick={() => openInjectPreview(fix)}>
                {t('doctor.fix.inject', { registry: fix.registryName, namespace: fix.namespace })}
              </Button>
              <span className="detail">{t('doctor.fix.injectHint')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
