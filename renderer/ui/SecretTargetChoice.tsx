import { useId } from 'react';
import type { SecretKind } from '../../shared/registry-types';
import type { SecretTargetField } from '../../shared/secret-target';
import { useTranslation } from '../i18n/useTranslation';

interface SecretTargetChoiceProps {
  secret: SecretKind;
  fields: SecretTargetField[];
  host: string;
  keep: boolean;
  onKeepChange: (keep: boolean) => void;
}

/** Says that a re-pointed registry loses its saved secret, and offers the one explicit way to send it to the new host. */
export function SecretTargetChoice({ secret, fields, host, keep, onKeepChange }: SecretTargetChoiceProps) {
  const { t, language } = useTranslation();
  const id = useId();
  const secretText = t(`secretTarget.secret.${secret}`);
  const fieldText = new Intl.ListFormat(language, { type: 'conjunction' }).format(fields.map((field) => t(`secretTarget.field.${field}`)));
  return (
    <div className="callout callout-warning secret-target" data-testid="secret-target">
      <p id={`${id}-text`}>{t('secretTarget.dropped', { fields: fieldText, secret: secretText, host })}</p>
      <div className="checkbox-row">
        <input id={id} type="checkbox" checked={keep} aria-describedby={`${id}-text`} onChange={(event) => onKeepChange(event.target.checked)} />
        <label htmlFor={id}>{t('secretTarget.keep', { secret: secretText, host })}</label>
      </div>
    </div>
  );
}
