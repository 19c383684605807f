import { DEFAULT_SOURCE_NAMESPACE, type ClusterSyncChoice, type SyncEngine, type SyncIdentity } from '../../../../shared/access-settings';
import type { EngineDetection } from '../../../../shared/cluster-sync-contract';
import { enginesFor, identitiesFor } from '../../../../shared/cluster-sync-rules';
import type { RegistryView } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { useClusterSyncStore } from './cluster-sync-store';
import { ownValue } from '../../../../shared/own-property';
import { Badge, type BadgeTone } from '../../../ui/Badge';
import { CommandBlock } from '../../../ui/CommandBlock';
import { UnbrokenNames } from '../../../ui/UnbrokenNames';
import { installCommand } from './install-command';

const IDENTITY_FIELDS: Record<SyncIdentity['kind'], ('serviceAccount' | 'projectId' | 'clusterLocation' | 'clusterName' | 'tenantId')[]> = {
  'source-secret': [],
  controller: [],
  'access-keys': [],
  irsa: ['serviceAccount'],
  'gcp-workload-identity': ['serviceAccount', 'projectId', 'clusterLocation', 'clusterName'],
  'azure-workload-identity': ['serviceAccount', 'tenantId'],
};

/** One constant, so the store selector above returns the same value when nothing was detected. */
const NO_ENGINES: EngineDetection[] = [];

function identityOf(kind: SyncIdentity['kind']): SyncIdentity {
  const empty = Object.fromEntries(IDENTITY_FIELDS[kind].map((field) => [field, '']));
  return { kind, ...empty } as SyncIdentity;
}

const ENGINE_TONE: Record<EngineDetection['state'], BadgeTone> = { present: 'ok', outdated: 'warn', absent: 'neutral', forbidden: 'warn', unreachable: 'error' };

function EngineLine({ detection }: { detection: EngineDetection }) {
  const { t } = useTranslation();
  const engine = t(`clusterSync.engine.${detection.engine}`);
  const needsInstall = detection.state === 'absent' || detection.state === 'outdated';
  return (
    <li className="sync-engine" data-engine={detection.engine} data-state={detection.state}>
      <div className="sync-engine-line">
        <span>{engine}</span>
        <Badge tone={ENGINE_TONE[detection.state]}>{t(`clusterSync.engineState.${detection.state}`)}</Badge>
      </div>
      {detection.found.length > 0 && (
        <div className="detail">
          <UnbrokenNames text={t('clusterSync.engineFound', { found: detection.found.join(', ') })} />
        </div>
      )}
      {needsInstall && (
        // The pinned install command on demand: three of them open at once made the page 2,700 px tall.
        <details className="sync-install">
          <summary>{t('clusterSync.installShow', { engine })}</summary>
          <p className="detail">{t('clusterSync.installNeeds', { version: detection.install.appVersion })}</p>
          <CommandBlock command={installCommand(detection.install)} what={t('clusterSync.installWhat', { engine })} testId="install-command" />
        </details>
      )}
    </li>
  );
}

/** One context as a row of the choice table: its name with its engines and their state, then who writes the secrets there and, for an engine, where its source comes from. */
export function ContextChoice({ registry, context }: { registry: RegistryView; context: string }) {
  const { t } = useTranslation();
  const choice = useClusterSyncStore((state) => ownValue(state.choices, context));
  const engines = useClusterSyncStore((state) => state.engines.find((entry) => entry.context === context)?.engines) ?? NO_ENGINES;
  const choose = useClusterSyncStore((state) => state.choose);
  const present = (engine: SyncEngine) => engines.some((entry) => entry.engine === engine && entry.state === 'present');
  const id = `sync-${context.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const pickEngine = (value: string) => {
    if (value === 'app') return choose(context, null);
    const engine = value as SyncEngine;
    const kind = identitiesFor(registry.type, registry.authType, engine)[0] ?? 'source-secret';
    choose(context, { engine, sourceNamespace: choice?.sourceNamespace ?? DEFAULT_SOURCE_NAMESPACE, identity: identityOf(kind), wireServiceAccounts: choice?.wireServiceAccounts ?? present('kyverno') });
  };
  return (
    <tr data-testid="sync-context" data-context={context}>
      <th scope="row" className="sync-context">
        <span className="sync-context-name">
          <UnbrokenNames text={context} />
        </span>
        {engines.length > 0 && (
          <ul className="sync-engines" aria-label={t('clusterSync.engines', { context })}>
            {engines.map((detection) => (
              <EngineLine key={detection.engine} detection={detection} />
            ))}
          </ul>
        )}
      </th>
      <td className="sync-delivery">
        <div className="field">
          <label htmlFor={`${id}-engine`} className="visually-hidden">
            {t('clusterSync.delivery', { context })}
          </label>
          <select id={`${id}-engine`} value={choice?.engine ?? 'app'} onChange={(event) => pickEngine(event.target.value)}>
            <option value="app">{t('clusterSync.delivery.app')}</option>
            {enginesFor(registry.type).map((engine) => (
              <option key={engine} value={engine} disabled={!present(engine) && choice?.engine !== engine}>
                {t(`clusterSync.engine.${engine}`)}
              </option>
            ))}
          </select>
        </div>
        {choice && <EngineSettings id={id} registry={registry} choice={choice} kyverno={present('kyverno')} update={(change) => choose(context, { ...choice, ...change })} />}
      </td>
    </tr>
  );
}

interface EngineSettingsProps {
  id: string;
  registry: RegistryView;
  choice: ClusterSyncChoice;
  kyverno: boolean;
  update: (change: Partial<ClusterSyncChoice>) => void;
}

/** Where an engine takes the credentials from: the source namespace and the identity it uses. */
function EngineSettings({ id, registry, choice, kyverno, update }: EngineSettingsProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-namespace`}>{t('clusterSync.sourceNamespace')}</label>
        <input id={`${id}-namespace`} type="text" value={choice.sourceNamespace} onChange={(event) => update({ sourceNamespace: event.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-identity`}>{t('clusterSync.identity')}</label>
        <select id={`${id}-identity`} value={choice.identity.kind} onChange={(event) => update({ identity: identityOf(event.target.value as SyncIdentity['kind']) })}>
          {identitiesFor(registry.type, registry.authType, choice.engine).map((kind) => (
            <option key={kind} value={kind}>
              {t(`clusterSync.identity.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      {IDENTITY_FIELDS[choice.identity.kind].map((field) => (
        <div key={field} className="field">
          <label htmlFor={`${id}-${field}`}>{t(`clusterSync.${field}`)}</label>
          <input
            id={`${id}-${field}`}
            type="text"
            value={(choice.identity as Record<string, string>)[field] ?? ''}
            onChange={(event) => update({ identity: { ...choice.identity, [field]: event.target.value } as SyncIdentity })}
          />
        </div>
      ))}
      {kyverno && (
        <label className="checkbox">
          <input type="checkbox" checked={choice.wireServiceAccounts} onChange={(event) => update({ wireServiceAccounts: event.target.checked })} />
          {t('clusterSync.wireServiceAccounts')}
        </label>
      )}
    </>
  );
}
