import { defaultSecretName, type AccessSettings, type CredentialChoice } from '../../../../shared/access-settings';
import type { RegistryView } from '../../../../shared/schemas';
import { CatalogueText } from '../../../i18n/CatalogueText';
import { useTranslation } from '../../../i18n/useTranslation';
import { ChoiceGroup } from '../../../ui/fields/ChoiceGroup';
import { TextField } from '../../../ui/fields/TextField';
import { useAccessFormStore } from '../access-form-store';
import { NamesField } from './NamesField';
import { useErrorText } from './use-access-errors';
import { Button } from '../../../ui/Button';

type CredentialType = CredentialChoice['type'];

function switchTo(type: CredentialType, registry: RegistryView, current: CredentialChoice): CredentialChoice {
  if (type === current.type) return current;
  return type === 'registry-credentials'
    ? { type, secretName: defaultSecretName(registry.name, registry.id) }
    : { type, secretNames: [], createMissing: true };
}

function SecretNameField({ registry, secretName }: { registry: RegistryView; secretName: string }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  const touch = useAccessFormStore((state) => state.touch);
  const error = useErrorText('credential.secretName');
  const suggested = defaultSecretName(registry.name, registry.id);
  const setName = (name: string) => edit((draft) => ({ ...draft, credential: { type: 'registry-credentials', secretName: name } }), ['credential.secretName']);
  return (
    <>
      <TextField
        id="access-secret-name"
        label={t('accessForm.secretName')}
        value={secretName}
        onChange={setName}
        onBlur={() => touch('credential.secretName')}
        hints={[t('accessForm.secretNameHint', { name: suggested })]}
        error={error}
      />
      {secretName !== suggested && (
        <Button tone="quiet" inline onClick={() => setName(suggested)}>
          {t('accessForm.useDefaultName', { name: suggested })}
        </Button>
      )}
    </>
  );
}

function PullSecretNames({ credential }: { credential: Extract<CredentialChoice, { type: 'image-pull-secret' }> }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  const touch = useAccessFormStore((state) => state.touch);
  const error = useErrorText('credential.secretNames');
  const change = (next: Partial<typeof credential>) =>
    edit((draft) => ({ ...draft, credential: { ...credential, ...next } }), ['credential.secretNames']);
  return (
    <>
      <NamesField
        id="access-secret-names"
        label={t('accessForm.secretNames')}
        names={credential.secretNames}
        onChange={(secretNames) => change({ secretNames })}
        onBlur={() => touch('credential.secretNames')}
        hint={t('accessForm.secretNamesHint')}
        error={error}
        rows={3}
      />
      <label className="checkbox-row">
        <input type="checkbox" checked={credential.createMissing} onChange={(event) => change({ createMissing: event.target.checked })} />
        {t('accessForm.createMissing')}
      </label>
      <p className="callout callout-info">
        <CatalogueText text={t('accessForm.createMissingHint')} />
      </p>
    </>
  );
}

/** "Use registry credentials" or "Specify image pull secret", as the product document words it. */
export function CredentialField({ registry, settings }: { registry: RegistryView; settings: AccessSettings }) {
  const { t } = useTranslation();
  const edit = useAccessFormStore((state) => state.edit);
  const { credential } = settings;
  const needsNodeSetup = registry.type === 'other' && registry.connection !== undefined && registry.connection !== 'secure';
  return (
    <section className="card" aria-labelledby="access-credential-title">
      <h2 id="access-credential-title">{t('accessForm.credentialSection')}</h2>
      <ChoiceGroup
        id="access-credential"
        name="access-credential"
        legend={t('accessForm.credentialType')}
        choices={(['registry-credentials', 'image-pull-secret'] as const).map((type) => ({ value: type, title: t(`access.credential.${type}`), description: t(`accessForm.credentialHint.${type}`) }))}
        value={credential.type}
        onChoose={(type) => edit((draft) => ({ ...draft, credential: switchTo(type, registry, draft.credential) }), ['credential.type'])}
        error={undefined}
        layout="list"
      />
      {credential.type === 'registry-credentials' ? (
        <SecretNameField registry={registry} secretName={credential.secretName} />
      ) : (
        <PullSecretNames credential={credential} />
      )}
      {needsNodeSetup && (
        <p className="callout callout-warning" data-testid="node-runtime-note">
          {t('hint.connectionNodes')}
        </p>
      )}
    </section>
  );
}
