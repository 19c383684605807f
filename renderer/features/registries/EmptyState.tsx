import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';

export function EmptyState({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <div className="empty-state-art" aria-hidden="true">
        ▤
      </div>
      <h2>{t('registries.emptyTitle')}</h2>
      <p className="muted">{t('registries.emptyBody')}</p>
      <Button tone="primary" onClick={onAdd}>
        {t('action.add')}
      </Button>
    </div>
  );
}
