import { useState } from 'react';
import { defaultSecretName } from '../../../shared/access-settings';
import type { ExternalSecretStore } from '../../../shared/cluster-sync-contract';
import { MANIFEST_FORMAT_EMBEDS_PASSWORD, ManifestFormatSchema, type ManifestFormat } from '../../../shared/import-export-contract';
import type { RegistryView } from '../../../shared/schemas';
import { ModalDialog } from '../../ui/ModalDialog';
import { useTranslation } from '../../i18n/useTranslation';
import { selectRegistries, selectRegistry, useRegistriesStore } from '../../data/registries';
import { useExportStore } from './export-store';
import { Button } from '../../ui/Button';

const secretNameOf = (registry: RegistryView) =>
  registry.access?.credential.type === 'registry-credentials' ? registry.access.credential.secretName : defaultSecretName(registry.name, registry.id);

function PasswordConfirmation() {
  const { t } = useTranslation();
  const confirming = useExportStore((state) => (state.confirming && MANIFEST_FORMAT_EMBEDS_PASSWORD[state.confirming.format] ? state.confirming : null));
  const busy = useExportStore((state) => state.busy);
  const cancel = useExportStore((state) => state.cancelManifest);
  const save = useExportStore((state) => state.saveManifest);
  const registry = useRegistriesStore(selectRegistry(confirming?.registryId));
  if (!confirming || !registry) return null;
  return (
    <ModalDialog
      id="export-confirm"
      title={t('exportUi.confirmTitle')}
      summary={t('exportUi.confirmBody', { name: registry.name })}
      onClose={cancel}
      actions={
        <>
          <Button onClick={cancel}>
            {t('action.cancel')}
          </Button>
          <Button tone="danger-solid" disabled={busy} onClick={() => void save()}>
            {t('exportUi.confirmSave')}
          </Button>
        </>
      }
    >
      <p className="muted">{t('exportUi.confirmAdvice')}</p>
    </ModalDialog>
  );
}

const STORE_FIELDS = ['name', 'remoteKey', 'usernameProperty', 'passwordProperty'] as const;
const STORE_LABELS = {
  name: 'clusterSync.esoExport.storeName',
  remoteKey: 'clusterSync.esoExport.remoteKey',
  usernameProperty: 'clusterSync.esoExport.usernameProperty',
  passwordProperty: 'clusterSync.esoExport.passwordProperty',
} as const;

/** External Secrets for static credentials: which store of the team's holds the login, and where. */
function ExternalSecretStoreFields({ store, onChange }: { store: ExternalSecretStore; onChange: (store: ExternalSecretStore) => void }) {
  const { t } = useTranslation();
  return (
    <div className="import-inline-fields" data-testid="external-secret-store">
      <label>
        {t('clusterSync.esoExport.storeKind')}
        <select className="control" value={store.kind} onChange={(event) => onChange({ ...store, kind: event.target.value as ExternalSecretStore['kind'] })}>
          <option value="ClusterSecretStore">ClusterSecretStore</option>
          <option value="SecretStore">SecretStore</option>
        </select>
      </label>
      {STORE_FIELDS.map((key) => (
        <label key={key}>
          {t(STORE_LABELS[key])}
          <input type="text" className="control" value={store[key]} onChange={(event) => onChange({ ...store, [key]: event.target.value })} spellCheck={false} />
        </label>
      ))}
    </div>
  );
}

/** A registry's pull secret as a manifest file for a GitOps repository, in a format chosen from the list. */
export function ManifestExport() {
  const { t } = useTranslation();
  const registries = useRegistriesStore(selectRegistries);
  const ask = useExportStore((state) => state.askToSaveManifest);
  const busy = useExportStore((state) => state.busy);
  const [registryId, setRegistryId] = useState('');
  const [format, setFormat] = useState<ManifestFormat>('docker-config-json');
  const [namespace, setNamespace] = useState('default');
  const [names, setNames] = useState<Record<string, string>>({});
  const [store, setStore] = useState<ExternalSecretStore>({ kind: 'ClusterSecretStore', name: '', remoteKey: '', usernameProperty: 'username', passwordProperty: 'password' });
  const registry = registries.find((entry) => entry.id === registryId) ?? registries[0];
  if (!registry) return <p className="muted">{t('exportUi.noRegistries')}</p>;
  const name = names[registry.id] ?? secretNameOf(registry);
  // ECR's token comes from a generator; every other registry's login from the team's store.
  const needsStore = format === 'external-secrets' && registry.type !== 'ecr';
  return (
    <div className="import-source">
      <p className="import-source-title">{t('exportUi.manifestTitle')}</p>
      <p className="muted">{t('exportUi.manifestIntro')}</p>
      <div className="import-inline-fields manifest-fields">
        <label>
          {t('exportUi.registry')}
          <select className="control" value={registry.id} onChange={(event) => setRegistryId(event.target.value)}>
            {registries.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        {/* The option names the format in a few words, so it shows whole in a half-width column at 1024 px; what it means for the password stands under it. */}
        <div className="manifest-format">
          <label>
            {t('exportUi.format')}
            <select className="control" value={format} aria-describedby="manifest-format-detail" onChange={(event) => setFormat(event.target.value as ManifestFormat)}>
            {ManifestFormatSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(`exportUi.format.${option}`)}
              </option>
            ))}
            </select>
          </label>
          <p id="manifest-format-detail" className="muted manifest-format-detail">
            {t(`exportUi.formatDetail.${format}`)}
          </p>
        </div>
        <label>
          {t('importUi.secretName')}
          <input type="text" className="control" value={name} onChange={(event) => setNames({ ...names, [registry.id]: event.target.value })} spellCheck={false} />
        </label>
        <label>
          {t('importUi.namespace')}
          <input type="text" className="control" value={namespace} onChange={(event) => setNamespace(event.target.value)} spellCheck={false} />
        </label>
      </div>
      {needsStore && <ExternalSecretStoreFields store={store} onChange={setStore} />}
      <div className="import-inline-fields import-source-actions">
        <Button
          disabled={busy}
          onClick={() => ask({ registryId: registry.id, format, name: name.trim(), namespace: namespace.trim(), ...(needsStore ? { externalSecretStore: store } : {}) })}
        >
          {t('exportUi.saveManifest')}
        </Button>
      </div>
      <PasswordConfirmation />
    </div>
  );
}
