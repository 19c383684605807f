import type { FileChange } from '../../../shared/workstation-tools-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { useToolsStore } from './tools-store';

const MARK = { same: ' ', add: '+', remove: '-' } as const;

function FileDiff({ change }: { change: FileChange }) {
  const { t } = useTranslation();
  return (
    <section className="tools-change" aria-label={change.path}>
      <h3 className="tools-change-path">
        <code className="mono">{change.path}</code> {change.creates && <Badge tone="change">{t('tools.creates')}</Badge>}{' '}
        {change.defaultStore !== null &&
          (change.keepsDefaultStore ? (
            <Badge tone="info">{t('tools.defaultStoreKeptBadge', { store: change.defaultStore })}</Badge>
          ) : (
            <Badge tone="warn">{t('tools.defaultStoreLost', { store: change.defaultStore })}</Badge>
          ))}
      </h3>
      <p>
        {t('tools.changeSummary', { switched: change.switched.length, removed: change.removedPlainText.length, left: change.plainTextLeft })}
      </p>
      <pre className="tools-diff mono" aria-label={t('tools.diffLabel', { path: change.path })}>
        {change.diff.map((line, index) => (
          <span key={index} className={`tools-diff-${line.change}`}>
            {`${MARK[line.change]} ${line.text}\n`}
          </span>
        ))}
      </pre>
    </section>
  );
}

/** What the switch writes, file by file, before anything is written. */
export function PreviewCard() {
  const { t } = useTranslation();
  const preview = useToolsStore((state) => state.preview);
  const busy = useToolsStore((state) => state.busy);
  const apply = useToolsStore((state) => state.apply);
  const discard = useToolsStore((state) => state.discardPreview);
  // The tick follows the operator at once; the text says what the current preview writes.
  const keepDefaultStore = useToolsStore((state) => state.keepDefaultStore);
  const setKeepDefaultStore = useToolsStore((state) => state.setKeepDefaultStore);
  if (!preview) return null;
  const store = preview.defaultStore;
  const actions = (
    <>
      <Button onClick={discard}>{t('action.cancel')}</Button>
      <Button tone="primary" disabled={busy || preview.changes.length === 0} onClick={() => void apply()}>
        {t('tools.apply')}
      </Button>
    </>
  );
  return (
    <Card title={t('tools.previewTitle')} titleId="tools-preview-title" actions={actions} testId="tools-preview">
      <p>{preview.changes.length === 0 ? t('tools.nothingToChange') : t('tools.previewIntro', { count: preview.changes.length })}</p>
      <p>
        <Badge tone={preview.plainTextLeft === 0 ? 'ok' : 'warn'}>{t('tools.plainTextAfter', { count: preview.plainTextLeft })}</Badge>
      </p>
      {store !== null && (
        <div className="tools-default-store" data-testid="tools-default-store">
          {preview.keepDefaultStore ? <p>{t('tools.defaultStoreKept', { store })}</p> : <Banner tone="warning">{t('tools.defaultStoreWarning', { store })}</Banner>}
          <label className="checkbox-row">
            <input type="checkbox" checked={keepDefaultStore} disabled={busy} onChange={(event) => void setKeepDefaultStore(event.target.checked)} />
            {t('tools.keepDefaultStore', { store })}
          </label>
        </div>
      )}
      {preview.changes.map((change) => (
        <FileDiff key={change.path} change={change} />
      ))}
    </Card>
  );
}
