import { useTranslation } from '../../i18n/useTranslation';

export function EmptyState({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <div className="empty-state-art" aria-hidden="true">
        ▤
      </div>
      <h2>{t('registries.emptyTitle')}</h2>
      <p className="muted">{t('registries.emptyBody')}</p>
      <button type="button" className="button button-primary" onClick={onAdd}>
        {t('action.add')}
      </button>
    </div>
  );
}
