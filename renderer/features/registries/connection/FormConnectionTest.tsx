import { useEffect } from 'react';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { useTranslation } from '../../../i18n/useTranslation';
import { takesCaCertificate, toRegistryInput } from '../draft';
import { secretBindingChoice, useEditorStore } from '../editor-store';
import { ConnectionResultPanel } from './ConnectionResultPanel';
import { useConnectionStore } from './connection-store';
import './connection.css';
import { Button } from '../../../ui/Button';

/** "Test connection" in the form: the values as typed, before saving; blank secrets of an edit mean the stored ones where a save keeps them. */
export function FormConnectionTest() {
  const { t } = useTranslation();
  const { testId, result, error } = useConnectionStore((state) => state.form);
  const testForm = useConnectionStore((state) => state.testForm);
  const cancel = useConnectionStore((state) => state.cancel);
  const resetForm = useConnectionStore((state) => state.resetForm);
  const uploadCa = useEditorStore((state) => (takesCaCertificate(state.draft.type) ? state.uploadCa : undefined));
  useEffect(() => resetForm, [resetForm]);

  const run = async () => {
    const editor = useEditorStore.getState();
    const { draft, mode, touch } = editor;
    const refused = await testForm(toRegistryInput(draft), mode.kind === 'edit' ? mode.registry.id : undefined, secretBindingChoice(editor));
    // Fields the rules refused show their messages, as a save would show them.
    for (const problem of refused?.fieldErrors ?? []) touch(problem.field);
  };

  return (
    <section className="card connection-test" aria-labelledby="connection-test-title">
      <h2 id="connection-test-title">{t('connection.resultTitle')}</h2>
      <p className="muted">{t('connection.draftNote')}</p>
      <div className="connection-actions">
        <Button onClick={() => void run()} disabled={testId !== null} aria-busy={testId !== null}>
          {testId ? t('connection.testing') : t('connection.test')}
        </Button>
        {testId && (
          <Button tone="quiet" onClick={() => void cancel(testId)}>
            {t('connection.cancel')}
          </Button>
        )}
      </div>
      <div aria-live="polite">{result && <ConnectionResultPanel result={result} onUploadCa={uploadCa} />}</div>
      <ProblemBanner problem={error} />
    </section>
  );
}
