import { useState } from 'react';
import type { RegistryView } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { ConnectionResultPanel } from './ConnectionResultPanel';
import { useConnectionStore } from './connection-store';
import { TimeSentence } from '../../../ui/time/TimeText';
import { Badge } from '../../../ui/Badge';
import { takesCaCertificate } from '../draft';
import { useEditorStore } from '../editor-store';
import './connection.css';

/** The id of a row's opened detail, which its chip names as the part it opens. */
export const connectionDetailId = (registry: RegistryView) => `connection-detail-${registry.id}`;

/** Whether a registry's result detail is open: only while there is a result and no test is running. */
export function useConnectionDetailOpen(registry: RegistryView): { open: boolean; onToggle: () => void } {
  const [wanted, setWanted] = useState(false);
  const shown = useConnectionStore((state) => Object.hasOwn(state.results, registry.id) && !Object.hasOwn(state.runningRows, registry.id));
  const open = wanted && shown;
  return { open, onToggle: () => setWanted(!open) };
}

interface RowConnectionProps {
  registry: RegistryView;
  /** Whether the row's detail (a row of its own under it) is open. */
  open: boolean;
  onToggle: () => void;
}

/** The last result and when it ran; the chip opens the details on demand to keep the table compact. */
function LastResult({ registry, open, onToggle }: RowConnectionProps) {
  const { t } = useTranslation();
  const result = useConnectionStore((state) => state.results[registry.id]);
  const running = useConnectionStore((state) => registry.id in state.runningRows);
  if (running) return <span className="muted" role="status">{t('connection.testing')}</span>;
  if (!result) return <span className="muted">{t('connection.notTested')}</span>;
  // In the list a TLS failure is a short chip; what failed and what to do open on demand.
  const failure = result.step === 'tls' ? t('connection.tlsFailed') : t('connection.failedAt', { step: result.step ? t(`connection.step.${result.step}`) : '' });
  const verdict = result.ok ? t('connection.passed') : failure;
  return (
    <button type="button" className="connection-chip" aria-expanded={open} aria-controls={open ? connectionDetailId(registry) : undefined} onClick={onToggle} data-testid="connection-row-result">
      <Badge tone={result.ok ? 'ok' : 'error'}>
        <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
        {verdict}
      </Badge>
      <span className="connection-when">
        <TimeSentence template="connection.lastRun" slot="when" at={result.testedAt} />
      </span>
    </button>
  );
}

/** A registry's connection cell: its last result, or that it is being tested (the test itself is in the row's menu). */
export function RowConnection(props: RowConnectionProps) {
  return (
    <div className="connection-cell">
      <LastResult {...props} />
    </div>
  );
}

/** "Upload the registry's CA" from the list: the registry's edit form, in the CA mode, its file picker open. */
async function editToUploadCa(registry: RegistryView) {
  const editor = useEditorStore.getState();
  await editor.openEdit(registry);
  const { mode } = useEditorStore.getState();
  if (mode.kind === 'edit' && mode.registry.id === registry.id) useEditorStore.getState().uploadCa();
}

/** A row's opened detail, across the whole table width so the hint reads as prose, not a narrow column. */
export function RowConnectionDetail({ registry }: { registry: RegistryView }) {
  const result = useConnectionStore((state) => state.results[registry.id]);
  if (!result) return null;
  return (
    <div id={connectionDetailId(registry)} className="connection-detail">
      <ConnectionResultPanel result={result} withoutVerdict onUploadCa={takesCaCertificate(registry.type) ? () => void editToUploadCa(registry) : undefined} />
    </div>
  );
}
