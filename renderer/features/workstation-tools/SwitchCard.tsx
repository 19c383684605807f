import type { ToolFile, ToolsOverview } from '../../../shared/workstation-tools-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { pluralKey } from '../../i18n/plural';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { DataTable } from '../../ui/DataTable';
import { HostText } from '../../ui/HostText';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useToolsStore } from './tools-store';
import { UnbrokenNames } from '../../ui/UnbrokenNames';

const FILE_KIND_LABEL = { docker: 'tools.fileDocker', containers: 'tools.fileContainers', helm: 'tools.fileHelm' } as const;

function FileRow({ file }: { file: ToolFile }) {
  const { t } = useTranslation();
  return (
    <li className="tools-file" data-testid="tools-file">
      {/* The file's name and its states on one line; its path, as long as a home makes it, on the next. */}
      <span className="tools-file-heading">
        <span className="tools-file-kind">{t(FILE_KIND_LABEL[file.kind])}</span>
        {!file.exists && <Badge tone="neutral">{t('tools.fileMissing')}</Badge>}
        {file.plainText > 0 && <Badge tone="warn">{t('tools.plainTextCount', { count: file.plainText })}</Badge>}
        {file.credsStore !== null && <Badge tone="info" title={t('tools.credsStoreKept')}>{t('tools.credsStore', { helper: file.credsStore })}</Badge>}
      </span>
      <code className="mono">
        <UnbrokenNames text={file.path} />
      </code>
      {file.problem && <ProblemBanner problem={file.problem} />}
    </li>
  );
}

/** Each registry, where the tools already send it to the helper, and the ones ticked for the switch. */
export function SwitchCard({ overview }: { overview: ToolsOverview }) {
  const { t, language } = useTranslation();
  const picked = useToolsStore((state) => state.picked);
  const removePlainText = useToolsStore((state) => state.removePlainText);
  const busy = useToolsStore((state) => state.busy);
  const toggle = useToolsStore((state) => state.toggle);
  const setRemovePlainText = useToolsStore((state) => state.setRemovePlainText);
  const previewSwitch = useToolsStore((state) => state.previewSwitch);
  return (
    <Card title={t('tools.switchTitle')} titleId="tools-switch-title" testId="tools-switch">
      <p className="muted">{t('tools.switchIntro')}</p>
      <ul className="tools-files" aria-label={t('tools.filesLabel')}>
        {overview.files.map((file) => (
          <FileRow key={file.path} file={file} />
        ))}
      </ul>
      {overview.registries.length === 0 ? (
        <p className="muted">{t('tools.noRegistries')}</p>
      ) : (
        <DataTable caption={t('tools.registriesCaption')} columns={[t('tools.use'), t('tools.registry'), t('tools.host'), t('tools.state')]} className="tools-table">
          {overview.registries.map((registry) => {
            const total = overview.files.filter((file) => file.problem === null).length;
            return (
              <tr key={registry.registryId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('tools.pick', { name: registry.name })}
                    checked={picked.includes(registry.registryId)}
                    onChange={() => toggle(registry.registryId)}
                  />
                </td>
                <td>{registry.name}</td>
                <td>
                  <HostText value={registry.key} />
                </td>
                <td className="tools-states">
                  {registry.switchedIn.length === 0 ? (
                    <Badge tone="neutral">{t('tools.notSwitched')}</Badge>
                  ) : (
                    <Badge tone={registry.switchedIn.length >= total ? 'ok' : 'info'}>{t('tools.switchedIn', { count: registry.switchedIn.length, total })}</Badge>
                  )}
                  {registry.plainTextIn.length > 0 && <Badge tone="warn">{t(pluralKey(language, registry.plainTextIn.length, { one: 'tools.plainTextIn.one', other: 'tools.plainTextIn' }), { count: registry.plainTextIn.length })}</Badge>}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <label className="checkbox-row">
        <input type="checkbox" checked={removePlainText} onChange={(event) => setRemovePlainText(event.target.checked)} />
        {t('tools.removePlainText')}
      </label>
      <p className="muted">{t('tools.credsStoreNever')}</p>
      <Button tone="primary" disabled={busy || picked.length === 0} onClick={() => void previewSwitch()}>
        {t('tools.preview')}
      </Button>
    </Card>
  );
}
