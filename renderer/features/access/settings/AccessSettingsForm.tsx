import { useRef, type FormEvent } from 'react';
import { checkAccessSettings } from '../../../../shared/access-rules';
import type { AccessSettings } from '../../../../shared/access-settings';
import type { RegistryView } from '../../../../shared/schemas';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { useTranslation } from '../../../i18n/useTranslation';
import { useFocusFirstInvalid } from '../../../ui/use-focus-first-invalid';
import { useAccessFormStore } from '../access-form-store';
import { useAccessViewStore } from '../access-view-store';
import { useOperationStore } from '../operation-store';
import { ClustersField } from './ClustersField';
import { CredentialField } from './CredentialField';
import { ScopeSection } from './ScopeSection';
import { Button } from '../../../ui/Button';
import { Badge } from '../../../ui/Badge';

/** The draft as main would store it (blank lines and repeats dropped), so tidying alone is not a change. */
function tidied(draft: AccessSettings): AccessSettings {
  const check = checkAccessSettings(draft);
  return check.ok ? check.value : draft;
}

export function AccessSettingsForm({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const draft = useAccessFormStore((state) => state.draft);
  const saved = useAccessFormStore((state) => state.saved);
  const saving = useAccessFormStore((state) => state.saving);
  const error = useAccessFormStore((state) => state.error);
  const refusals = useAccessFormStore((state) => state.refusals);
  const dismissError = useAccessFormStore((state) => state.dismissError);
  const previewing = useOperationStore((state) => state.previewing);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, refusals);
  if (!draft) return null;

  const unsaved = JSON.stringify(tidied(draft)) !== JSON.stringify(saved);
  const preview = async (event: FormEvent) => {
    event.preventDefault();
    const settings = useAccessFormStore.getState().submit();
    if (!settings) return;
    useAccessViewStore.getState().showTab('plan');
    const planned = await useOperationStore.getState().preview({ kind: 'apply', registryId: registry.id, settings });
    // Main's rules had the last word: show their verdict where the fields are.
    if (!planned && useAccessFormStore.getState().serverErrors.length > 0) useAccessViewStore.getState().showTab('settings');
  };

  return (
    <form ref={form} className="registry-form access-form" noValidate onSubmit={(event) => void preview(event)} aria-label={t('accessForm.formLabel')}>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      <ClustersField settings={draft} />
      <CredentialField registry={registry} settings={draft} />
      <ScopeSection settings={draft} />
      <div className="form-actions">
        {unsaved && <Badge tone="warn">{t(saved ? 'accessForm.unsaved' : 'accessForm.neverSaved')}</Badge>}
        <Button disabled={saving} onClick={() => void useAccessFormStore.getState().save()}>
          {t('action.save')}
        </Button>
        <Button type="submit" tone="primary" disabled={previewing}>
          {t('accessForm.preview')}
        </Button>
      </div>
    </form>
  );
}
