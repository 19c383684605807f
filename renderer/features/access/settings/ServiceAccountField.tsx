import type { ServiceAccountSelection } from '../../../../shared/access-settings';
import { useTranslation } from '../../../i18n/useTranslation';
import { ChoiceCard } from '../../../ui/fields/ChoiceCard';
import { useAccessFormStore } from '../access-form-store';
import { NamesField } from './NamesField';
import { useErrorText } from './use-access-errors';

const KINDS = ['none', 'default', 'list', 'all'] as const;

interface ServiceAccountFieldProps {
  idPrefix: string;
  field: string;
  selection: ServiceAccountSelection;
  onChange: (selection: ServiceAccountSelection, edited: string) => void;
}

/** Whose `imagePullSecrets` get the secret, so pods pull without naming it themselves. */
export function ServiceAccountField({ idPrefix, field, selection, onChange }: ServiceAccountFieldProps) {
  const { t } = useTranslation();
  const touch = useAccessFormStore((state) => state.touch);
  const error = useErrorText(`${field}.names`);
  return (
    <fieldset className="field choice-field">
      <legend>{t('accessForm.serviceAccounts')}</legend>
      <p className="field-hint">{t('accessForm.serviceAccountsHint')}</p>
      <div className="choice-list choice-row">
        {KINDS.map((kind) => (
          <ChoiceCard
            key={kind}
            id={`${idPrefix}-sa-${kind}`}
            name={`${idPrefix}-sa`}
            title={t(`access.serviceAccounts.${kind}`)}
            checked={selection.kind === kind}
            onChoose={() => onChange(kind === 'list' ? { kind, names: selection.kind === 'list' ? selection.names : ['default'] } : { kind }, `${field}.kind`)}
          />
        ))}
      </div>
      {selection.kind === 'list' && (
        <NamesField
          id={`${idPrefix}-sa-names`}
          label={t('accessForm.serviceAccountNames')}
          names={selection.names}
          onChange={(names) => onChange({ kind: 'list', names }, `${field}.names`)}
          onBlur={() => touch(`${field}.names`)}
          hint={t('accessForm.onePerLine')}
          error={error}
          rows={3}
        />
      )}
    </fieldset>
  );
}
