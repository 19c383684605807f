import type { RegistryView } from '../../../shared/schemas';
import { navigate } from '../../data/navigation';
import { RowConnection } from './connection/RowConnection';
import { registryTypeSpec } from '../../../shared/registry-catalogue';
import { useTranslation } from '../../i18n/useTranslation';
import { useEditorStore } from './editor-store';
import { useRegistriesStore } from '../../data/registries';
import { useDeleteStore } from './delete-store';
import { RegistryBadges } from './RegistryBadges';
import { RowActionText } from '../../ui/RowActionText';
import { Button } from '../../ui/Button';
import { HostText } from '../../ui/HostText';

export function RegistryRow({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const openEdit = useEditorStore((state) => state.openEdit);
  const setDefault = useRegistriesStore((state) => state.setDefault);
  const askToDelete = useDeleteStore((state) => state.askToDelete);
  const { name } = registry;

  return (
    <tr data-testid="registry-row">
      <th scope="row">
        <span className="registry-name">
          {name}
          {registry.isDefault && <span className="badge badge-default">{t('badge.default')}</span>}
        </span>
      </th>
      <td>{t(registryTypeSpec(registry.type).label)}</td>
      <td className="registry-url">
        <HostText value={registry.url} />
      </td>
      <td>
        <RegistryBadges registry={registry} />
      </td>
      <td>
        <RowConnection registry={registry} />
      </td>
      <td className="row-actions">
        <div className="row-action-buttons">
          <Button onClick={() => void openEdit(registry)}>
            <RowActionText template="action.edit" name={name} />
          </Button>
          <Button onClick={() => navigate({ screen: 'access', registryId: registry.id })}>
            <RowActionText template="action.manageAccess" name={name} />
          </Button>
          {!registry.isDefault && (
            <Button onClick={() => void setDefault(registry)}>
              <RowActionText template="action.setDefault" name={name} />
            </Button>
          )}
          <Button tone="danger" onClick={() => askToDelete(registry)}>
            <RowActionText template="action.delete" name={name} />
          </Button>
        </div>
      </td>
    </tr>
  );
}
