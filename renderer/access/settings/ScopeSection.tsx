import { useState } from 'react';
import type { AccessSettings } from '../../../shared/access-settings';
import { useTranslation } from '../../i18n/useTranslation';
import { useAccessFormStore } from '../access-form-store';
import { useClustersStore } from '../clusters-store';
import { receivingContexts, scopeOf, withoutOwnScope, withScope } from './scope-lens';
import { ScopeEditor } from './ScopeEditor';

/** Which receiving cluster's namespaces the shared scope's picker shows. */
function BrowseSelect({ contexts, value, onChange }: { contexts: string[]; value: string | null; onChange: (context: string) => void }) {
  const { t } = useTranslation();
  if (contexts.length < 2) return null;
  return (
    <div className="field inline-field">
      <label htmlFor="scope-browse">{t('accessForm.browse')}</label>
      <select id="scope-browse" value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {contexts.map((context) => (
          <option key={context} value={context}>
            {context}
          </option>
        ))}
      </select>
    </div>
  );
}

function OwnScope({ context, settings }: { context: string; settings: AccessSettings }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  const own = Object.hasOwn(settings.contextScopes, context);
  const id = `own-scope-${context.replace(/[^\w-]/g, '_')}`;
  const toggle = (on: boolean) =>
    edit((draft) => (on ? withScope(draft, context, structuredClone(scopeOf(draft, null))) : withoutOwnScope(draft, context)), [`contextScopes.${context}.kind`]);
  return (
    <li className="own-scope" data-testid="own-scope">
      <label className="checkbox-row" htmlFor={id}>
        <input id={id} type="checkbox" checked={own} onChange={(event) => toggle(event.target.checked)} />
        {t('accessForm.ownScope', { context })}
      </label>
      {own && <ScopeEditor owner={context} settings={settings} browse={context} />}
    </li>
  );
}

/** Namespaces and ServiceAccounts: one choice for every receiving cluster, which any cluster may override. */
export function ScopeSection({ settings }: { settings: AccessSettings }) {
  const { t } = useTranslation();
  const contexts = useClustersStore((state) => state.list?.contexts ?? []);
  const reachable = contexts.filter((context) => !context.problem && context.status.state !== 'unreachable').map((context) => context.name);
  const receiving = receivingContexts(settings, contexts.map((context) => context.name));
  const browsable = receiving.filter((name) => reachable.includes(name));
  const [browse, setBrowse] = useState<string | null>(null);
  const shown = browse !== null && browsable.includes(browse) ? browse : (browsable[0] ?? null);

  return (
    <section className="card" aria-labelledby="access-scope-title">
      <h2 id="access-scope-title">{t('accessForm.scopeSection')}</h2>
      <p className="muted">{t('accessForm.scopeIntro')}</p>
      <BrowseSelect contexts={browsable} value={shown} onChange={setBrowse} />
      <ScopeEditor owner={null} settings={settings} browse={shown} />
      {receiving.length > 0 && (
        <div className="own-scopes">
          <h3>{t('accessForm.perCluster')}</h3>
          <ul>
            {receiving.map((context) => (
              <OwnScope key={context} context={context} settings={settings} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
