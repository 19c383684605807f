import { useEffect, useState } from 'react';
import { useContextsStore } from '../../data/contexts';
import { useTranslation } from '../../i18n/useTranslation';
import { FieldMessages } from '../../ui/fields/FieldMessages';
import { useFileUpload } from '../../ui/fields/use-file-upload';
import { useImportStore } from './import-store';
import { Button } from '../../ui/Button';
import { FilePicker } from '../../ui/FilePicker';
import { Card } from '../../ui/Card';

const MAX_CONFIG_BYTES = 1024 * 1024;

function PastedConfig() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const busy = useImportStore((state) => state.busy);
  const scanText = useImportStore((state) => state.scanText);
  const { shownError, onFile, clearFileProblem } = useFileUpload(MAX_CONFIG_BYTES, undefined, (file, bytes) => {
    setText(new TextDecoder().decode(bytes));
    setLabel(file.name);
  });
  return (
    <div className="import-source">
      <label htmlFor="import-config-file">{t('importUi.pasteTitle')}</label>
      <FilePicker id="import-config-file" accept=".json,application/json" chosen={label || null} onChange={(event) => void onFile(event)} />
      <label className="visually-hidden" htmlFor="import-config-text">
        {t('importUi.pasteLabel')}
      </label>
      <textarea
        id="import-config-text"
        className="control mono"
        rows={5}
        spellCheck={false}
        placeholder='{"auths": {"registry.example.com": {"auth": "…"}}}'
        value={text}
        onChange={(event) => {
          clearFileProblem();
          setText(event.target.value);
          setLabel('');
        }}
      />
      <FieldMessages id="import-config-file" hints={[t('importUi.pasteHint')]} error={shownError} />
      <div>
        <Button disabled={busy !== null || text.trim() === ''} onClick={() => void scanText(text, label || t('importUi.pastedLabel'))}>
          {t('importUi.previewPasted')}
        </Button>
      </div>
    </div>
  );
}

function ClusterSecret() {
  const { t } = useTranslation();
  const list = useContextsStore((state) => state.contexts.data);
  const load = useContextsStore((state) => state.load);
  const busy = useImportStore((state) => state.busy);
  const scanClusterSecret = useImportStore((state) => state.scanClusterSecret);
  const [context, setContext] = useState('');
  const [namespace, setNamespace] = useState('default');
  const [name, setName] = useState('regcred');
  useEffect(() => {
    if (!list) void load();
  }, [list, load]);
  const chosen = context || list?.currentContext || list?.contexts[0]?.name || '';
  return (
    <div className="import-source">
      <p className="import-source-title">{t('importUi.clusterTitle')}</p>
      <div className="import-inline-fields">
        <label>
          {t('importUi.context')}
          <select className="control" value={chosen} onChange={(event) => setContext(event.target.value)}>
            {(list?.contexts ?? []).map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('importUi.namespace')}
          <input type="text" className="control" value={namespace} onChange={(event) => setNamespace(event.target.value)} spellCheck={false} />
        </label>
        <label>
          {t('importUi.secretName')}
          <input type="text" className="control" value={name} onChange={(event) => setName(event.target.value)} spellCheck={false} />
        </label>
        <Button disabled={busy !== null || chosen === '' || namespace.trim() === '' || name.trim() === ''} onClick={() => void scanClusterSecret(chosen, namespace.trim(), name.trim())}>
          {t('importUi.readSecret')}
        </Button>
      </div>
      {list && list.contexts.length === 0 && <p className="muted">{t('importUi.noContexts')}</p>}
    </div>
  );
}

/** Where logins come from: this workstation (one button), a pasted or picked config, a cluster's pull secret. */
export function ImportSources() {
  const { t } = useTranslation();
  const busy = useImportStore((state) => state.busy);
  const scanWorkstation = useImportStore((state) => state.scanWorkstation);
  return (
    <Card
      title={t('importUi.title')}
      titleId="import-title"
      actions={
        <Button tone="primary" disabled={busy !== null} onClick={() => void scanWorkstation()}>
          {busy === 'workstation' ? t('importUi.scanning') : t('importUi.scanWorkstation')}
        </Button>
      }
    >
      <p className="muted">{t('importUi.intro')}</p>
      <details className="import-more">
        <summary>{t('importUi.otherSources')}</summary>
        <PastedConfig />
        <ClusterSecret />
      </details>
    </Card>
  );
}
