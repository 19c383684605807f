import { useState } from 'react';
import type { ToolsApplied } from '../../../shared/workstation-tools-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { DeleteBackupsDialog } from './BackupsLeft';
import { useToolsStore } from './tools-store';

function AppliedFiles({ applied }: { applied: ToolsApplied }) {
  const { t } = useTranslation();
  const busy = useToolsStore((state) => state.busy);
  const undo = useToolsStore((state) => state.undo);
  const [confirming, setConfirming] = useState(false);
  const found = useToolsStore((state) => state.overview.data?.backups);
  const backups = applied.files.filter((file) => file.backup !== null).length;
  const plainText = applied.files.reduce((sum, file) => sum + file.backupPlainText, 0);
  const actions = (
    <>
      <Button disabled={busy} onClick={() => void undo()}>
        {t('tools.undo')}
      </Button>
      {backups > 0 && (
        <Button tone="danger" disabled={busy} onClick={() => setConfirming(true)}>
          {t('tools.deleteBackups')}
        </Button>
      )}
    </>
  );
  return (
    <Card title={t('tools.appliedTitle')} titleId="tools-applied-title" actions={actions} testId="tools-applied">
      {/* The preview's "0 left" counts the tools' files; the backups beside them are plain text on disk too. */}
      {plainText > 0 && <Banner tone="warning">{t('tools.backupPlainText', { count: plainText })}</Banner>}
      <ul>
        {applied.files.map((file) => (
          <li key={file.path}>
            <code className="mono">{file.path}</code> — {file.backup ? t('tools.backupAt', { path: file.backup }) : t('tools.createdNoBackup')}
          </li>
        ))}
      </ul>
      {confirming && found && <DeleteBackupsDialog backups={found} onClose={() => setConfirming(false)} />}
    </Card>
  );
}

/** The last apply's backups, with its undo and their deletion; or what an undo put back, or which backups were deleted. */
export function AppliedCard() {
  const { t } = useTranslation();
  const applied = useToolsStore((state) => state.applied ?? state.overview.data?.undo ?? null);
  const undoProblem = useToolsStore((state) => state.overview.data?.undoProblem ?? null);
  const restored = useToolsStore((state) => state.restored);
  const backupsDeleted = useToolsStore((state) => state.backupsDeleted);
  const done = restored ? { title: t('tools.undoneTitle'), id: 'tools-undone', paths: restored } : backupsDeleted ? { title: t('tools.backupsDeletedTitle'), id: 'tools-backups-deleted', paths: backupsDeleted } : null;
  if (done) {
    return (
      <Card title={done.title} titleId={`${done.id}-title`} testId={done.id}>
        <ul>
          {done.paths.map((path) => (
            <li key={path} className="mono">{path}</li>
          ))}
        </ul>
      </Card>
    );
  }
  if (!applied) return undoProblem ? <ProblemBanner problem={undoProblem} /> : null;
  return <AppliedFiles applied={applied} />;
}
