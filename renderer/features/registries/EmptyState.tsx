import type { MessageKey } from '../../../shared/i18n';
import { navigate } from '../../data/navigation';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';

interface Start {
  id: string;
  title: MessageKey;
  body: MessageKey;
  action: MessageKey;
  onStart: () => void;
  primary?: boolean;
}

/** No registry yet: the three ways in — type one, bring the workstation's logins, or start from a failing pod. */
export function EmptyState({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation();
  const starts: Start[] = [
    { id: 'add', title: 'registryList.empty.addTitle', body: 'registryList.empty.addBody', action: 'action.add', onStart: onAdd, primary: true },
    { id: 'import', title: 'registryList.empty.importTitle', body: 'registryList.empty.importBody', action: 'registryList.empty.importAction', onStart: () => navigate({ screen: 'import-export' }) },
    { id: 'doctor', title: 'registryList.empty.doctorTitle', body: 'registryList.empty.doctorBody', action: 'registryList.empty.doctorAction', onStart: () => navigate({ screen: 'pull-doctor' }) },
  ];
  return (
    <div className="empty-state" data-testid="registries-empty">
      <div className="empty-state-art" aria-hidden="true">
        ▤
      </div>
      <h2>{t('registries.emptyTitle')}</h2>
      <p className="muted">{t('registryList.empty.body')}</p>
      <ul className="empty-starts">
        {starts.map((start) => (
          <li key={start.id} className="empty-start" data-start={start.id}>
            <h3>{t(start.title)}</h3>
            <p className="muted">{t(start.body)}</p>
            <Button tone={start.primary ? 'primary' : undefined} onClick={start.onStart}>
              {t(start.action)}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
