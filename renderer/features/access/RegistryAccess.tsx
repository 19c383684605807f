import type { RegistryView } from '../../../shared/schemas';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useTranslation } from '../../i18n/useTranslation';
import { AccessSettingsForm } from './settings/AccessSettingsForm';
import { closeAccess, useAccessViewStore } from './access-view-store';
import { AccessTabs, panelId, tabId } from './AccessTabs';
import { PlanPanel } from './plan/PlanPanel';
import { StatusPanel } from './status/StatusPanel';
import { ClusterSyncPanel } from './cluster-sync/ClusterSyncPanel';
import { Button } from '../../ui/Button';

/** "Manage access" of one registry: its settings, the preview and apply, and the status in the clusters. */
export function RegistryAccess({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const tab = useAccessViewStore((state) => state.tab);
  return (
    <section className="screen" aria-labelledby="access-title">
      <ScreenHeading id="access-title" title={t('accessForm.title', { name: registry.name })} intro={t('accessForm.intro')}>
        <Button onClick={closeAccess}>
          {t('accessForm.back')}
        </Button>
      </ScreenHeading>
      <AccessTabs />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="tab-panel">
        {tab === 'settings' && <AccessSettingsForm registry={registry} />}
        {tab === 'plan' && <PlanPanel registry={registry} />}
        {tab === 'status' && <StatusPanel registry={registry} />}
        {tab === 'cluster-sync' && <ClusterSyncPanel registry={registry} />}
      </div>
    </section>
  );
}
