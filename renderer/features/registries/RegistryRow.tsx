import type { RegistryView } from '../../../shared/schemas';
import { navigate } from '../../data/navigation';
import { RowConnection } from './connection/RowConnection';
import { registryTypeSpec } from '../../../shared/registry-catalogue';
import { useTranslation } from '../../i18n/useTranslation';
import { useEditorStore } from './editor-store';
import { useRegistriesStore } from '../../data/registries';
import { RegistryBadges } from './RegistryBadges';
import { RowActionText } from '../../ui/RowActionText';

export function RegistryRow({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const openEdit = useEditorStore((state) => state.openEdit);
  const setDefault = useRegistriesStore((state) => state.setDefault);
  const askToDelete = useRegistriesStore((state) => state.askToDelete);
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
        <span>{registry.url}</span>
      </td>
      <td>
        <RegistryBadges registry={registry} />
      </td>
      <td>
        <RowConnection registry={registry} />
      </td>
      <td className="row-actions">
        <div className="row-action-buttons">
          <button type="button" className="button" onClick={() => void openEdit(registry)}>
            <RowActionText template="action.edit" name={name} />
          </button>
          <button type="button" className="button" onClick={() => navigate({ screen: 'access', registryId: registry.id })}>
            <RowActionText template="action.manageAccess" name={name} />
          </button>
          {!registry.isDefault && (
            <button type="button" className="button" onClick={() => void setDefault(registry)}>
              <RowActionText template="action.setDefault" name={name} />
            </button>
          )}
          <button type="button" className="button button-danger" onClick={() => askToDelete(registry)}>
            <RowActionText template="action.delete" name={name} />
          </button>
        </div>
      </td>
    </tr>
  );
}
