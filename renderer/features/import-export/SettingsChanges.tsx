import type { SettingsChangeField, SettingsEntry } from '../../../shared/import-export-contract';
import type { MessageKey } from '../../../shared/i18n';
import { RegistryTypeSchema } from '../../../shared/registry-types';
import { DataTable } from '../../ui/DataTable';
import { useTranslation } from '../../i18n/useTranslation';
import { SecretTargetChoice } from '../../ui/SecretTargetChoice';
import { useExportStore, type ChoiceState } from './export-store';

const FIELD_LABEL: Record<SettingsChangeField, MessageKey> = {
  name: 'field.name',
  url: 'field.registryUrl',
  type: 'field.type',
  username: 'field.username',
  authType: 'field.authType',
  accessKeyId: 'field.accessKeyId',
  connection: 'field.connection',
  caCertificate: 'field.caCertificate',
  isDefault: 'settingsUi.field.isDefault',
};
const VALUE_LABEL: Partial<Record<SettingsChangeField, Record<string, MessageKey>>> = {
  connection: { secure: 'connection.secure', 'secure-with-ca': 'connection.secureWithCa', insecure: 'connection.insecure' },
  authType: { 'iam-role': 'authType.iamRole', 'user-auth': 'authType.userAuth' },
  isDefault: { true: 'settingsUi.yes', false: 'settingsUi.no' },
};

function useValueText(): (field: SettingsChangeField, value: string) => string {
  const { t } = useTranslation();
  return (field, value) => {
    if (value === '') return '—';
    const type = RegistryTypeSchema.safeParse(value);
    if (field === 'type' && type.success) return t(`type.${type.data}`);
    const labels = VALUE_LABEL[field];
    return labels && Object.hasOwn(labels, value) ? t(labels[value]!) : value;
  };
}

const COLUMNS = ['setting', 'now', 'file'] as const;

/** Every field an Update would change, old → new, so nothing about the registry changes unseen. */
function RegistryChanges({ entry, name }: { entry: SettingsEntry; name: string }) {
  const { t } = useTranslation();
  const valueText = useValueText();
  if (entry.changes.length === 0) return <p className="muted">{t('settingsUi.noChanges', { name })}</p>;
  const title = t('settingsUi.changesTitle', { name });
  return (
    <div className="settings-changes">
      <p className="import-source-title">{title}</p>
      <DataTable className="settings-diff" caption={title} columns={COLUMNS.map((column) => t(`settingsUi.column.${column}`))}>
        {entry.changes.map((change) => (
          <tr key={change.field} data-change={change.field}>
            <th scope="row">{t(FIELD_LABEL[change.field])}</th>
            <td>{valueText(change.field, change.before)}</td>
            <td>{valueText(change.field, change.after)}</td>
          </tr>
        ))}
      </DataTable>
      {entry.changes.some((change) => change.field === 'isDefault') && <p className="muted">{t('settingsUi.defaultNotMoved')}</p>}
    </div>
  );
}

/** The file's access settings are taken only on purpose, after seeing how they differ from the ones here. */
function AccessChoice({ entry, choice, name }: { entry: SettingsEntry; choice: ChoiceState; name: string }) {
  const { t } = useTranslation();
  const changeChoice = useExportStore((state) => state.changeChoice);
  const title = t('settingsUi.accessTitle', { name });
  return (
    <div className="settings-changes">
      <label className="checkbox-row">
        <input type="checkbox" checked={choice.useFileAccess === true} onChange={(event) => changeChoice(entry.index, { useFileAccess: event.target.checked })} />
        <span>{t('settingsUi.useFileAccess', { name })}</span>
      </label>
      <p className="muted">{t('settingsUi.accessNote')}</p>
      {entry.accessChanges.length === 0 ? (
        <p className="muted">{t('settingsUi.accessSame')}</p>
      ) : (
        <DataTable className="settings-diff" caption={title} columns={COLUMNS.map((column) => t(`settingsUi.column.${column}`))}>
          {entry.accessChanges.map((change) => (
            <tr key={change.path} data-change={change.path}>
              <th scope="row" className="mono">
                {change.path}
              </th>
              <td>{change.before || '—'}</td>
              <td>{change.after || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {entry.moreAccessChanges > 0 && <p className="muted">{t('settingsUi.accessMore', { count: entry.moreAccessChanges })}</p>}
    </div>
  );
}

/** Below an entry that clashes or brings access settings: the diff, the secret's new target, the access choice. */
export function SettingsChanges({ entry }: { entry: SettingsEntry }) {
  const choice = useExportStore((state) => state.choices[entry.index]);
  const changeChoice = useExportStore((state) => state.changeChoice);
  if (!choice || (!entry.conflict && !entry.hasAccess)) return null;
  const rebound = entry.secretTarget && entry.needsSecret && choice.action === 'update' && !choice.useWorkstationLogin && choice.secret === '';
  return (
    <tr className="settings-details" data-details={entry.name}>
      <td colSpan={3}>
        {entry.conflict && <RegistryChanges entry={entry} name={entry.conflict.name} />}
        {rebound && (
          <SecretTargetChoice
            secret={entry.needsSecret!}
            fields={entry.secretTarget!.changed}
            host={entry.secretTarget!.host}
            keep={choice.keepSecretForNewTarget === true}
            onKeepChange={(keep) => changeChoice(entry.index, { keepSecretForNewTarget: keep })}
          />
        )}
        {entry.hasAccess && <AccessChoice entry={entry} choice={choice} name={entry.conflict?.name ?? entry.name} />}
      </td>
    </tr>
  );
}
