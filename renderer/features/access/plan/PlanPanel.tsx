import type { RegistryView } from '../../../../shared/schemas';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { useTranslation } from '../../../i18n/useTranslation';
import { useAccessFormStore } from '../access-form-store';
import { useAccessViewStore } from '../access-view-store';
import { useOperationStore } from '../operation-store';
import { useAccessStatusStore } from '../../../data/access-status';
import { ApplyProgress } from './ApplyProgress';
import { PlanView } from './PlanView';
import { RemovalDialog } from './RemovalDialog';
import { ResultView } from './ResultView';
import { Button } from '../../../ui/Button';

function NoPlan({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const saved = useAccessFormStore((state) => state.saved);
  const preview = useOperationStore((state) => state.preview);
  const busy = useOperationStore((state) => state.running !== null);
  return (
    <div className="empty-state">
      <p>{t(saved ? 'plan.none' : 'plan.noneUnsaved')}</p>
      {saved && (
        <Button tone="primary" disabled={busy} onClick={() => void preview({ kind: 'apply', registryId: registry.id })}>
          {t('plan.previewSaved')}
        </Button>
      )}
    </div>
  );
}

/** Preview and apply for one registry; the operation belongs to the registry it was started for. */
export function PlanPanel({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const mine = useOperationStore((state) => state.source?.registryId === registry.id);
  const plan = useOperationStore((state) => state.plan);
  const previewing = useOperationStore((state) => state.previewing);
  const running = useOperationStore((state) => state.running);
  const result = useOperationStore((state) => state.result);
  const confirming = useOperationStore((state) => state.confirming);
  const error = useOperationStore((state) => state.error);
  const operation = useOperationStore.getState();
  if (!mine) return <NoPlan registry={registry} />;

  const showStatus = () => {
    useAccessViewStore.getState().showTab('status');
    void useAccessStatusStore.getState().check(registry.id);
  };
  const previewAgain = () => void operation.preview({ kind: 'apply', registryId: registry.id });

  return (
    <>
      <ProblemBanner problem={error} onDismiss={operation.dismissError} />
      {previewing && (
        <p className="muted" role="status">
          {t('plan.computing')}
        </p>
      )}
      {running && <ApplyProgress />}
      {!running && result && <ResultView result={result} onStatus={showStatus} onPreviewAgain={previewAgain} />}
      {!running && plan && <PlanView plan={plan} />}
      {!previewing && !running && !plan && !result && !error && <NoPlan registry={registry} />}
      {confirming && plan && <RemovalDialog plan={plan} onConfirm={() => void operation.confirmRemovals()} onCancel={operation.cancelConfirmation} />}
    </>
  );
}
