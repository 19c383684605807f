import type { RegistryView } from '../../../shared/schemas';
import { navigate } from '../../data/navigation';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';
import { DetailList, Drawer } from '../../ui/Drawer';
import { CopyValue } from '../../ui/CopyValue';
import { RowActionText } from '../../ui/RowActionText';
import { TimeSentence, TimeText } from '../../ui/time/TimeText';
import { ClusterHealthLink } from './ClusterHealthCell';
import { useConnectionStore } from './connection/connection-store';
import { RowConnection, RowConnectionDetail, useConnectionDetailOpen } from './connection/RowConnection';
import { useEditorStore } from './editor-store';
import { useListViewStore, type ListedRegistry } from './list-view-store';
import { RegistryBadges } from './RegistryBadges';

/** Which secret the keychain holds, by name only: the drawer never reads a secret. */
function SecretState({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  return <>{t(registry.secrets.length > 0 ? 'registryList.drawer.secretStored' : 'registryList.drawer.noSecret')}</>;
}

function ConnectionDetail({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const tested = useConnectionStore((state) => Object.hasOwn(state.results, registry.id));
  const detail = useConnectionDetailOpen(registry);
  if (!tested) return <span className="muted">{t('connection.notTested')}</span>;
  return (
    <>
      <RowConnection registry={registry} {...detail} />
      {detail.open && <RowConnectionDetail registry={registry} />}
    </>
  );
}

/** One registry at a glance: where it is, how it logs in (never the secret), its last test and its clusters. */
export function RegistryDrawer({ row }: { row: ListedRegistry }) {
  const { t } = useTranslation();
  const { registry, health, typeLabel } = row;
  const close = () => useListViewStore.getState().showDetails(null);
  const items = [
    { key: 'host', term: t('registryList.drawer.host'), value: <CopyValue value={registry.url} /> },
    { key: 'type', term: t('field.type'), value: typeLabel },
    ...(registry.username ? [{ key: 'username', term: t('registryList.drawer.username'), value: <span className="mono">{registry.username}</span> }] : []),
    { key: 'secret', term: t('registryList.drawer.secret'), value: <SecretState registry={registry} /> },
    { key: 'added', term: t('registryList.drawer.added'), value: <TimeText at={registry.createdAt} /> },
    { key: 'connection', term: t('registryList.drawer.lastTest'), value: <ConnectionDetail registry={registry} /> },
    {
      key: 'default',
      term: t('registryList.drawer.default'),
      value: (
        <>
          {t(registry.isDefault ? 'registryList.drawer.isDefault' : 'registryList.drawer.notDefault')}
          <p className="detail">{t('hint.isDefault')}</p>
        </>
      ),
    },
    {
      key: 'clusters',
      term: t('registryList.drawer.clusters'),
      value: (
        <>
          <ClusterHealthLink registry={registry} health={health} />
          {health.checkedAt && (
            <p className="detail">
              <TimeSentence template="registryList.drawer.checked" slot="when" at={health.checkedAt} />
            </p>
          )}
        </>
      ),
    },
  ];
  return (
    <Drawer
      id="registry-drawer"
      title={registry.name}
      onClose={close}
      actions={
        <>
          <Button onClick={() => void useEditorStore.getState().openEdit(registry)}>{t('registryList.menu.edit')}</Button>
          <Button tone="primary" onClick={() => navigate({ screen: 'access', registryId: registry.id })}>
            <RowActionText template="action.manageAccess" name={registry.name} />
          </Button>
        </>
      }
    >
      <RegistryBadges registry={registry} />
      <DetailList items={items} />
    </Drawer>
  );
}
