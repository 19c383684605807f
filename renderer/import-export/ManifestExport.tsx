import { useState } from 'react';
import { defaultSecretName } from '../../shared/access-settings';
import { ManifestFormatSchema, type ManifestFormat } from '../../shared/import-export-contract';
import type { RegistryView } from '../../shared/schemas';
import { ModalDialog } from '../app/ModalDialog';
import { useTranslation } from '../i18n/useTranslation';
import { useRegistriesStore } from '../store/registries-store';
import { useExportStore } from './export-store';

const secretNameOf = (registry: RegistryView) =>
  registry.access?.credential.type === 'registry-credentials' ? registry.access.credential.secretName : defaultSecretName(registry.name, registry.id);

function PasswordConfirmation() {
  const { t } = useTranslation();
  const confirming = useExportStore((state) => state.confirming);
  const busy = useExportStore((state) => state.busy);
  const cancel = useExportStore((state) => state.cancelManifest);
  const save = useExportStore((state) => state.saveManifest);
  const registry = useRegistriesStore((state) => state.registries.find((entry) => entry.id === confirming?.registryId));
  if (!confirming || !registry) return null;
  return (
    <ModalDialog
      id="export-confirm"
      title={t('exportUi.confirmTitle')}
      summary={t('exportUi.confirmBody', { name: registry.name })}
      onClose={cancel}
      actions={
        <>
          <button type="button" className="button" onClick={cancel}>
            {t('action.cancel')}
          </button>
          <button type="button" className="button button-danger-solid" disabled={busy} onClick={() => void save()}>
            {t('exportUi.confirmSave')}
          </button>
        </>
      }
    >
      <p className="muted">{t('exportUi.confirmAdvice')}</p>
    </ModalDialog>
  );
}

/** A registry's pull secret as a manifest file for a GitOps repository, in a format chosen from the list. */
export function ManifestExport() {
  const { t } = useTranslation();
  const registries = useRegistriesStore((state) => state.registries);
  const ask = useExportStore((state) => state.askToSaveManifest);
  const busy = useExportStore((state) => state.busy);
  const [registryId, setRegistryId] = useState('');
  const [format, setFormat] = useState<ManifestFormat>('docker-config-json');
  const [namespace, setNamespace] = useState('default');
  const [names, setNames] = useState<Record<string, string>>({});
  const registry = registries.find((entry) => entry.id === registryId) ?? registries[0];
  if (!registry) return <p className="muted">{t('exportUi.noRegistries')}</p>;
  const name = names[registry.id] ?? secretNameOf(registry);
  return (
    <div className="import-source">
      <p className="import-source-title">{t('exportUi.manifestTitle')}</p>
      <p className="muted">{t('exportUi.manifestIntro')}</p>
      <div className="import-inline-fields">
        <label>
          {t('exportUi.registry')}
          <select value={registry.id} onChange={(event) => setRegistryId(event.target.value)}>
            {registries.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('exportUi.format')}
          <select value={format} onChange={(event) => setFormat(event.target.value as ManifestFormat)}>
            {ManifestFormatSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(`exportUi.format.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('importUi.secretName')}
          <input value={name} onChange={(event) => setNames({ ...names, [registry.id]: event.target.value })} spellCheck={false} />
        </label>
        <label>
          {t('importUi.namespace')}
          <input value={namespace} onChange={(event) => setNamespace(event.target.value)} spellCheck={false} />
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => ask({ registryId: registry.id, format, name: name.trim(), namespace: namespace.trim() })}>
          {t('exportUi.saveManifest')}
        </button>
      </div>
      <PasswordConfirmation />
    </div>
  );
}
