import type { ContextView } from '../../../../shared/access-contract';
import { AccessModeSchema, type AccessSettings } from '../../../../shared/access-settings';
import { useTranslation } from '../../../i18n/useTranslation';
import { ChoiceGroup } from '../../../ui/fields/ChoiceGroup';
import { useAccessFormStore } from '../access-form-store';
import { selectContexts, useContextsStore } from '../../../data/contexts';
import { ContextStatusText } from '../ContextStatusText';
import { domId } from '../../../ui/dom-id';
import { Button } from '../../../ui/Button';

function ModeChoice({ settings }: { settings: AccessSettings }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  return (
    <ChoiceGroup
      id="access-mode"
      name="access-mode"
      legend={t('accessForm.mode')}
      choices={AccessModeSchema.options.map((mode) => ({ value: mode, title: t(`access.mode.${mode}`), description: t(`accessForm.modeHint.${mode}`) }))}
      value={settings.mode}
      onChoose={(mode) => edit((draft) => ({ ...draft, mode }), ['mode'])}
      error={undefined}
      layout="list"
    />
  );
}

function ContextChoice({ context, settings }: { context: ContextView; settings: AccessSettings }) {
  const edit = useAccessFormStore((state) => state.edit);
  const checked = settings.allClusters || settings.contexts.includes(context.name);
  const id = domId('access-context', context.name);
  const toggle = (on: boolean) =>
    edit(
      (draft) => ({ ...draft, contexts: on ? [...draft.contexts, context.name] : draft.contexts.filter((name) => name !== context.name) }),
      ['contexts'],
    );
  return (
    <li className="inset-box context-choice" data-testid="context-choice" data-context={context.name}>
      <input id={id} type="checkbox" checked={checked} disabled={settings.allClusters} onChange={(event) => toggle(event.target.checked)} aria-describedby={`${id}-status`} />
      <label htmlFor={id}>
        <span className="choice-title">{context.name}</span>
        <span className="detail mono">{context.server ?? '—'}</span>
      </label>
      <span id={`${id}-status`}>
        <ContextStatusText context={context} />
      </span>
    </li>
  );
}

/** Contexts the settings name that the kubeconfig no longer has: shown so they can be unpicked. */
function GoneContexts({ names }: { names: string[] }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  if (names.length === 0) return null;
  return (
    <ul className="context-choices">
      {names.map((name) => (
        <li key={name} className="inset-box context-choice is-gone">
          <span className="choice-title">{name}</span>
          <span className="detail">{t('accessForm.contextGone')}</span>
          <Button onClick={() => edit((draft) => ({ ...draft, contexts: draft.contexts.filter((entry) => entry !== name) }), ['contexts'])}>
            {t('accessForm.unpick')}
            <span className="visually-hidden"> {name}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** Where the credentials go: the product document's two modes over the kubeconfig's contexts. */
export function ClustersField({ settings }: { settings: AccessSettings }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  const contexts = useContextsStore(selectContexts);
  const gone = settings.contexts.filter((name) => !contexts.some((context) => context.name === name));

  return (
    <section className="card" aria-labelledby="access-clusters-title">
      <h2 id="access-clusters-title">{t('accessForm.clustersSection')}</h2>
      <ModeChoice settings={settings} />
      <fieldset className="field cluster-picker">
        <legend>{t(settings.mode === 'inject-selected' ? 'accessForm.pickInject' : 'accessForm.pickSkip')}</legend>
        <label className="checkbox-row">
          <input type="checkbox" checked={settings.allClusters} onChange={(event) => edit((draft) => ({ ...draft, allClusters: event.target.checked }), ['allClusters'])} />
          {t('access.allClusters')}
        </label>
        <p className="field-hint">{t('accessForm.allClustersHint')}</p>
        {contexts.length === 0 ? (
          <p className="muted">{t('clusters.noContexts')}</p>
        ) : (
          <ul className="context-choices">
            {contexts.map((context) => (
              <ContextChoice key={context.name} context={context} settings={settings} />
            ))}
          </ul>
        )}
        <GoneContexts names={gone} />
      </fieldset>
    </section>
  );
}
