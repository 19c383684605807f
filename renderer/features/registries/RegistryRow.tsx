import type { RegistryView } from '../../../shared/schemas';
import { navigate } from '../../data/navigation';
import { useRegistriesStore } from '../../data/registries';
import { useTranslation } from '../../i18n/useTranslation';
import { ActionMenu, type MenuAction } from '../../ui/ActionMenu';
import { Button } from '../../ui/Button';
import { Badge } from '../../ui/Badge';
import { HostText } from '../../ui/HostText';
import { RowActionText } from '../../ui/RowActionText';
import { ClusterHealthLink } from './ClusterHealthCell';
import { useConnectionStore } from './connection/connection-store';
import { RowConnection, RowConnectionDetail, useConnectionDetailOpen } from './connection/RowConnection';
import { useDeleteStore } from './delete-store';
import { useEditorStore } from './editor-store';
import { useListViewStore, type ListedRegistry } from './list-view-store';
import { RegistryBadges } from './RegistryBadges';

/** The secondary actions of a registry, in the order an operator reaches for them; removing comes last. */
export function useRegistryActions(registry: RegistryView): MenuAction[] {
  const { t } = useTranslation();
  const testing = useConnectionStore((state) => registry.id in state.runningRows);
  const actions: MenuAction[] = [
    { id: 'test', label: t('registryList.menu.test'), disabled: testing, onSelect: () => void useConnectionStore.getState().testRegistry(registry.id) },
    { id: 'edit', label: t('registryList.menu.edit'), onSelect: () => void useEditorStore.getState().openEdit(registry) },
    { id: 'doctor', label: t('registryList.menu.doctor'), onSelect: () => navigate({ screen: 'pull-doctor', registryId: registry.id }) },
    { id: 'browse', label: t('registryList.menu.browse'), onSelect: () => navigate({ screen: 'registry-browser', registryId: registry.id }) },
  ];
  if (!registry.isDefault) actions.push({ id: 'default', label: t('registryList.menu.setDefault'), onSelect: () => void useRegistriesStore.getState().setDefault(registry) });
  actions.push({ id: 'delete', label: t('registryList.menu.delete'), danger: true, onSelect: () => useDeleteStore.getState().askToDelete(registry) });
  return actions;
}

export function RegistryRow({ row }: { row: ListedRegistry }) {
  const { t } = useTranslation();
  const { registry, health, typeLabel } = row;
  const showDetails = useListViewStore((state) => state.showDetails);
  const actions = useRegistryActions(registry);
  const detail = useConnectionDetailOpen(registry);

  return (
    <>
      <tr data-testid="registry-row" data-registry={registry.name} className={detail.open ? 'has-detail' : undefined}>
        <th scope="row">
          <span className="registry-name">
            <button type="button" className="registry-name-button" title={t('registryList.details', { name: registry.name })} onClick={() => showDetails(registry.id)}>
              {registry.name}
            </button>
            {registry.isDefault && <Badge tone="info">{t('badge.default')}</Badge>}
          </span>
          <span className="detail registry-type">{typeLabel}</span>
        </th>
        {/* The connection state sits under the address it was tested against: one column less keeps every phrase on its line at 1024 px. */}
        <td className="registry-url">
          <HostText value={registry.url} />
          <RegistryBadges registry={registry} />
          <RowConnection registry={registry} {...detail} />
        </td>
        <td>
          <ClusterHealthLink registry={registry} health={health} />
        </td>
        <td className="row-actions">
          <div className="row-action-buttons">
            <Button onClick={() => navigate({ screen: 'access', registryId: registry.id })}>
              <RowActionText template="action.manageAccess" name={registry.name} />
            </Button>
            <ActionMenu label={<span className="visually-hidden">{t('registryList.more', { name: registry.name })}</span>} actions={actions} />
          </div>
        </td>
      </tr>
      {detail.open && (
        <tr className="registry-detail-row" data-testid="registry-detail-row">
          {/* Every column of the row above (name, address, clusters, actions): the detail reads as prose. */}
          <td colSpan={4}>
            <RowConnectionDetail registry={registry} />
          </td>
        </tr>
      )}
    </>
  );
}
