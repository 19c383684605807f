import type { RegistryView } from '../../../shared/schemas';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { useTranslation } from '../../i18n/useTranslation';
import { AccessSettingsForm } from './settings/AccessSettingsForm';
import { closeAccess, useAccessViewStore } from './access-view-store';
import { AccessTabs, panelId, tabId } from './AccessTabs';
import { PlanPanel } from './plan/PlanPanel';
import { StatusPanel } from './status/StatusPanel';
import { ClusterSyncPanel } from './cluster-sync/ClusterSyncPanel';
import { BackButton } from '../../ui/BackButton';
import { useNavigationStore } from '../../data/navigation';

/** "Manage access" of one registry: its settings, the preview and apply, and the status in the clusters. */
export function RegistryAccess({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const tab = useAccessViewStore((state) => state.tab);
  // One way back: to the screen whose link opened Manage access (the app's back path says it), else to the clusters.
  const cameFromElsewhere = useNavigationStore((state) => state.from !== null);
  return (
    <section className="screen" aria-labelledby="access-title">
      {!cameFromElsewhere && <BackButton label={t('accessForm.back')} onBack={closeAccess} />}
      <ScreenHeading id="access-title" title={t('accessForm.title', { name: registry.name })} intro={t('accessForm.intro')} />
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
