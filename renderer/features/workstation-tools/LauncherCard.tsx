import { Fragment } from 'react';
import type { HelperLauncher, ToolsOverview } from '../../../shared/workstation-tools-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { CommandBlock } from '../../ui/CommandBlock';
import { useToolsStore } from './tools-store';
import { UnbrokenNames } from '../../ui/UnbrokenNames';

function LauncherState({ launcher }: { launcher: HelperLauncher }) {
  const { t } = useTranslation();
  if (launcher.state === 'current') return <Badge tone="ok">{t('tools.launcherCurrent')}</Badge>;
  if (launcher.state === 'different') return <Badge tone="warn">{t('tools.launcherDifferent')}</Badge>;
  return <Badge tone="neutral">{t('tools.launcherMissing')}</Badge>;
}

const HELPER_FILE = 'docker-credential-registry-desk';

/**
 * The replaced file's copy, `<launcher>.registry-desk-<time>-<random>.bak`: longer than a line at
 * 1024 px, so it breaks at its hyphens and slashes, except inside the helper's own name.
 */
function BackupPath({ path }: { path: string }) {
  return (
    <code className="mono tools-backup-path" data-testid="tools-launcher-backup">
      {path.split(HELPER_FILE).map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <span className="unbroken-name">{HELPER_FILE}</span>}
          {part}
        </Fragment>
      ))}
    </code>
  );
}

/** Where the helper's launcher goes, what it runs, and what terminals and GUI apps need to find it. */
export function LauncherCard({ launcher, launcherUndo }: { launcher: HelperLauncher; launcherUndo: ToolsOverview['launcherUndo'] }) {
  const { t } = useTranslation();
  const busy = useToolsStore((state) => state.busy);
  const installHelper = useToolsStore((state) => state.installHelper);
  const undoLauncher = useToolsStore((state) => state.undoLauncher);
  const restored = useToolsStore((state) => state.launcherRestored);
  const install = launcher.script !== null && launcher.state !== 'current' && (
    <Button tone="primary" disabled={busy} onClick={() => void installHelper()}>
      {launcher.state === 'different' ? t('tools.replaceLauncher') : t('tools.installLauncher')}
    </Button>
  );
  return (
    <Card title={t('tools.launcherTitle')} titleId="tools-launcher-title" actions={install} testId="tools-launcher">
      <dl className="tools-facts">
        <dt>{t('tools.launcherPath')}</dt>
        <dd>
          <code className="mono">
            <UnbrokenNames text={launcher.path} />
          </code> <LauncherState launcher={launcher} />
        </dd>
        <dt>{t('tools.terminals')}</dt>
        <dd>{launcher.onShellPath ? t('tools.onShellPath') : t('tools.notOnShellPath')}</dd>
        <dt>{t('tools.guiApps')}</dt>
        <dd>
          <UnbrokenNames text={launcher.onSystemPath ? t('tools.onSystemPath', { path: launcher.systemPath }) : t('tools.notOnSystemPath', { path: launcher.systemPath })} />
        </dd>
      </dl>
      {launcherUndo && (
        <div className="tools-launcher-replaced" data-testid="tools-launcher-replaced">
          <p>
            {t('tools.launcherReplaced')} <BackupPath path={launcherUndo.backup} />
          </p>
          <Button disabled={busy} onClick={() => void undoLauncher()}>
            {t('tools.launcherUndo')}
          </Button>
        </div>
      )}
      {!launcherUndo && restored && (
        <p data-testid="tools-launcher-restored">
          <UnbrokenNames text={t('tools.launcherRestored', { path: restored })} />
        </p>
      )}
      {launcher.script === null && <p className="muted">{t('tools.noLauncherHere')}</p>}
      {launcher.script !== null && launcher.state !== 'current' && (
        <details className="tools-script">
          <summary>{t('tools.launcherScript')}</summary>
          <pre className="mono">{launcher.script}</pre>
        </details>
      )}
      {!launcher.onSystemPath && (
        <>
          <p>{t('tools.guiAdvice')}</p>
          <CommandBlock command={launcher.linkCommand} what={t('tools.linkCommand')} testId="tools-link-command" />
        </>
      )}
    </Card>
  );
}
