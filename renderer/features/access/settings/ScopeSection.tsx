import { useState } from 'react';
import type { AccessSettings } from '../../../../shared/access-settings';
import { useTranslation } from '../../../i18n/useTranslation';
import { useAccessFormStore } from '../access-form-store';
import { selectContexts, useContextsStore } from '../../../data/contexts';
import { receivingContexts, scopeOf, withoutOwnScope, withScope } from './scope-lens';
import { ScopeEditor } from './ScopeEditor';
import { domId } from '../../../ui/dom-id';

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

interface OwnScopeProps {
  context: string;
  settings: AccessSettings;
  browsable: boolean;
  /** False for a context that keeps its own choice but does not get the credentials now. */
  receiving: boolean;
}

function OwnScope({ context, settings, browsable, receiving }: OwnScopeProps) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  const own = Object.hasOwn(settings.contextScopes, context);
  const id = domId('own-scope', context);
  const toggle = (on: boolean) =>
    edit((draft) => (on ? withScope(draft, context, structuredClone(scopeOf(draft, null))) : withoutOwnScope(draft, context)), [`contextScopes.${context}.kind`]);
  return (
    <li className="inset-box own-scope" data-testid="own-scope">
      <label className="checkbox-row" htmlFor={id}>
        <input id={id} type="checkbox" checked={own} onChange={(event) => toggle(event.target.checked)} />
        {t('accessForm.ownScope', { context })}
      </label>
      {!receiving && <p className="field-hint">{t('accessForm.ownScopeIdle')}</p>}
      {own && <ScopeEditor owner={context} settings={settings} browse={browsable ? context : null} />}
    </li>
  );
}

/** Namespaces and ServiceAccounts: one choice for every receiving cluster, which any cluster may override. */
export function ScopeSection({ settings }: { settings: AccessSettings }) {
  const { t } = useTranslation();
  const contexts = useContextsStore(selectContexts);
  const reachable = contexts.filter((context) => !context.problem && context.status.state !== 'unreachable').map((context) => context.name);
  const receiving = receivingContexts(settings, contexts.map((context) => context.name));
  const browsable = receiving.filter((name) => reachable.includes(name));
  // A choice made for a context that no longer receives stays visible: it is kept, and checked on save.
  const listed = [...receiving, ...Object.keys(settings.contextScopes).filter((name) => !receiving.includes(name))];
  const [browse, setBrowse] = useState<string | null>(null);
  const shown = browse !== null && browsable.includes(browse) ? browse : (browsable[0] ?? null);

  return (
    <section className="card" aria-labelledby="access-scope-title">
      <h2 id="access-scope-title">{t('accessForm.scopeSection')}</h2>
      <p className="muted">{t('accessForm.scopeIntro')}</p>
      <BrowseSelect contexts={browsable} value={shown} onChange={setBrowse} />
      <ScopeEditor owner={null} settings={settings} browse={shown} />
      {listed.length > 0 && (
        <div className="own-scopes">
          <h3>{t('accessForm.perCluster')}</h3>
          <ul>
            {listed.map((context) => (
              <OwnScope key={context} context={context} settings={settings} browsable={browsable.includes(context)} receiving={receiving.includes(context)} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
