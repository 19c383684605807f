import type { RegistryView } from '../../shared/schemas';
import { useTranslation } from '../i18n/useTranslation';
import { AccessSettingsForm } from './settings/AccessSettingsForm';
import { closeAccess, useAccessViewStore } from './access-view-store';
import { AccessTabs, panelId, tabId } from './AccessTabs';
import { PlanPanel } from './plan/PlanPanel';
import { StatusPanel } from './status/StatusPanel';

/** "Manage access" of one registry: its settings, the preview and apply, and the status in the clusters. */
export function RegistryAccess({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const tab = useAccessViewStore((state) => state.tab);
  return (
    <section className="screen" aria-labelledby="access-title">
      <div className="screen-heading">
        <div>
          <h1 id="access-title">{t('accessForm.title', { name: registry.name })}</h1>
          <p className="muted">{t('accessForm.intro')}</p>
        </div>
        <button type="button" className="button" onClick={closeAccess}>
          {t('accessForm.back')}
        </button>
      </div>
      <AccessTabs />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="tab-panel">
        {tab === 'settings' && <AccessSettingsForm registry={registry} />}
        {tab === 'plan' && <PlanPanel registry={registry} />}
        {tab === 'status' && <StatusPanel registry={registry} />}
      </div>
    </section>
  );
}
