import { Fragment } from 'react';
import type { SettingsEntry } from '../../../shared/import-export-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { FieldMessages } from '../../ui/fields/FieldMessages';
import { useFileUpload } from '../../ui/fields/use-file-upload';
import { useExportStore, type ChoiceState } from './export-store';
import { DataTable } from '../../ui/DataTable';
import { SettingsChanges } from './SettingsChanges';
import { OUTCOME_TONE } from './outcome-tone';
import { Button } from '../../ui/Button';
import { FilePicker } from '../../ui/FilePicker';
import { Badge } from '../../ui/Badge';
import { HostText } from '../../ui/HostText';
import { UnbrokenNames } from '../../ui/UnbrokenNames';
import { SecretSaveReason } from '../../ui/SecretSaveReason';
import { useSecretSaveBlocked } from '../../data/keychain';

const MAX_SETTINGS_BYTES = 2 * 1024 * 1024;
const SECRET_LABEL = { password: 'field.passwordOrToken', secretAccessKey: 'field.secretAccessKey', serviceAccountJson: 'field.serviceAccountJson' } as const;

function SecretInput({ entry, choice }: { entry: SettingsEntry; choice: ChoiceState }) {
  const { t } = useTranslation();
  const changeChoice = useExportStore((state) => state.changeChoice);
  if (!entry.needsSecret) return <span className="muted">{t('settingsUi.noSecret')}</span>;
  return (
    <div className="import-extra">
      {entry.workstationLogin && (
        <label className="checkbox-row">
          <input type="checkbox" checked={choice.useWorkstationLogin} onChange={(event) => changeChoice(entry.index, { useWorkstationLogin: event.target.checked })} />
          {/* A helper's name (docker-credential-secretservice) reads whole, not broken at its hyphens in a narrow column. */}
          <span title={entry.workstationLogin.location}>
            <UnbrokenNames text={t('settingsUi.useLogin', { location: entry.workstationLogin.location.split('/').at(-1) ?? '' })} />
          </span>
        </label>
      )}
      {!choice.useWorkstationLogin && (
        <label>
          {t(SECRET_LABEL[entry.needsSecret])}
          {entry.needsSecret === 'serviceAccountJson' ? (
            <textarea className="control mono" rows={2} spellCheck={false} value={choice.secret} onChange={(event) => changeChoice(entry.index, { secret: event.target.value })} />
          ) : (
            <input type="password" className="control" autoComplete="off" value={choice.secret} onChange={(event) => changeChoice(entry.index, { secret: event.target.value })} />
          )}
        </label>
      )}
    </div>
  );
}

function EntryRow({ entry }: { entry: SettingsEntry }) {
  const { t, problemText } = useTranslation();
  const choice = useExportStore((state) => state.choices[entry.index]);
  const result = useExportStore((state) => state.settingsResults[entry.index]);
  const changeChoice = useExportStore((state) => state.changeChoice);
  if (!choice) return null;
  return (
    <tr data-entry={entry.name}>
      {/* Name, address, type and access in one column: a 1024 px window fits the row without scrolling. */}
      <td className="import-registry">
        <input type="text" className="control settings-name" aria-label={t('importUi.nameLabel', { server: entry.url })} value={choice.name ?? ''} onChange={(event) => changeChoice(entry.index, { name: event.target.value })} />
        {/* An ordinary re-import: neutral, since the default action is Skip. Red stays for what will go wrong. */}
        {entry.problems.map((problem) => (
          <p key={`${problem.field}:${problem.code}`} className="field-error">
            {problemText(problem)}
          </p>
        ))}
        <span className="registry-url">
          <HostText value={entry.url} />
        </span>
        <p className="detail">
          {t(`type.${entry.type}`)}
          {entry.hasAccess && ` · ${t('settingsUi.accessIncluded')}`}
        </p>
      </td>
      <td>
        <SecretInput entry={entry} choice={choice} />
      </td>
      <td>
        {entry.conflict && (
          <div className="settings-exists" data-testid="exists-note">
            <Badge tone="neutral">{t('settingsUi.exists')}</Badge>
            <p className="muted">{t(`settingsUi.conflict.${entry.conflict.by}`, { name: entry.conflict.name })}</p>
          </div>
        )}
        <select className="control" aria-label={t('settingsUi.actionLabel', { name: entry.name })} value={choice.action} onChange={(event) => changeChoice(entry.index, { action: event.target.value as ChoiceState['action'] })}>
          <option value="create">{t(entry.conflict?.by === 'name' ? 'settingsUi.createCopy' : 'settingsUi.create')}</option>
          {entry.conflict && <option value="update">{t('importUi.action.update', { name: entry.conflict.name })}</option>}
          <option value="skip">{t('importUi.action.skip')}</option>
        </select>
        {result && (
          <div className="import-outcome" role="status">
            <Badge tone={OUTCOME_TONE[result.outcome]}>{t(`importUi.outcome.${result.outcome}`)}</Badge>
            {result.error && <p className="field-error">{problemText(result.error)}</p>}
          </div>
        )}
      </td>
    </tr>
  );
}

/** The settings file: exported without secrets; imported with the secrets asked for, never over a registry silently. */
export function SettingsTransfer() {
  const { t } = useTranslation();
  const preview = useExportStore((state) => state.settingsPreview);
  const busy = useExportStore((state) => state.busy);
  const exportSettings = useExportStore((state) => state.exportSettings);
  const previewSettings = useExportStore((state) => state.previewSettings);
  const importSettings = useExportStore((state) => state.importSettings);
  const keychainDown = useSecretSaveBlocked();
  const { shownError, onFile } = useFileUpload(MAX_SETTINGS_BYTES, undefined, (_file, bytes) => void previewSettings(new TextDecoder().decode(bytes)));
  return (
    <div className="import-source">
      <p className="import-source-title">{t('settingsUi.title')}</p>
      <p className="muted">{t('settingsUi.intro')}</p>
      <div className="import-inline-fields">
        <Button disabled={busy} onClick={() => void exportSettings()}>
          {t('settingsUi.export')}
        </Button>
        <FilePicker id="settings-import-file" label={t('settingsUi.importFile')} accept=".json,application/json" onChange={(event) => void onFile(event)} />
      </div>
      <FieldMessages id="settings-import-file" hints={[]} error={shownError} />
      {preview && (
        <>
          <DataTable className="import-table" caption={t('settingsUi.previewTitle')} columns={(['registry', 'secret', 'what'] as const).map((column) => t(`settingsUi.column.${column}`))}>
            {preview.entries.map((entry) => (
              <Fragment key={entry.index}>
                <EntryRow entry={entry} />
                <SettingsChanges entry={entry} />
              </Fragment>
            ))}
          </DataTable>
          <div className="form-actions">
            <SecretSaveReason blocked={keychainDown} id="settings-save-reason" />
            <Button tone="primary" disabled={busy || keychainDown} aria-describedby={keychainDown ? 'settings-save-reason' : undefined} onClick={() => void importSettings()}>
              {t('settingsUi.import')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
