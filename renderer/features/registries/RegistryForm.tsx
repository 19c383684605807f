import { useEffect, useRef, type SubmitEvent } from 'react';
import type { FieldError } from '../../../shared/errors';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { FormConnectionTest } from './connection/FormConnectionTest';
import { useTranslation } from '../../i18n/useTranslation';
import { useEditorStore } from './editor-store';
import { shownFields } from './draft';
import { DefaultCheckbox } from './fields/DefaultCheckbox';
import { SpecField } from './fields/SpecField';
import { TypePicker } from './fields/TypePicker';
import { UrlField } from './fields/UrlField';
import { FormSecretTarget } from './FormSecretTarget';
import { NameField } from './NameField';
import { useFieldErrors } from './use-field-errors';
import { useFocusFirstInvalid } from '../../ui/use-focus-first-invalid';
import { Button } from '../../ui/Button';
import { SECRET_SAVE_REASON_ID, SecretSaveReason } from '../../ui/SecretSaveReason';
import { useSecretSaveBlocked } from '../../data/keychain';

const FIXED_FIELDS = ['type', 'name', 'url', 'isDefault'];

function useTitle(): string {
  const { t } = useTranslation();
  const mode = useEditorStore((state) => state.mode);
  return mode.kind === 'edit' ? t('form.editTitle', { name: mode.registry.name }) : t('form.addTitle');
}

export function RegistryForm() {
  const { t, problemText } = useTranslation();
  const title = useTitle();
  const draft = useEditorStore((state) => state.draft);
  const error = useEditorStore((state) => state.error);
  const saving = useEditorStore((state) => state.saving);
  const failedSaves = useEditorStore((state) => state.failedSaves);
  const save = useEditorStore((state) => state.save);
  const close = useEditorStore((state) => state.close);
  const keychainDown = useSecretSaveBlocked();
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened the form is gone; keyboard and screen-reader users start at its title.
  useEffect(() => heading.current?.focus(), []);
  useFocusFirstInvalid(form, failedSaves);
  const errors = useFieldErrors();
  const fields = shownFields(draft);
  const errorFor = (field: string) => {
    const problem = errors.get(field);
    return problem ? problemText(problem) : undefined;
  };
  // Main may refuse something no field on screen shows (an unexpected key, say): say it anyway.
  const onScreen = new Set([...FIXED_FIELDS, ...fields.map((field) => field.key)]);
  const unplaced: FieldError[] = [...errors.values()].filter((problem) => !onScreen.has(problem.field));

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save();
  };

  return (
    <section className="screen" aria-labelledby="form-title">
      <div className="screen-heading">
        <h1 id="form-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </div>
      <ProblemBanner problem={error} />
      {unplaced.map((problem) => (
        <ProblemBanner key={`${problem.field}:${problem.code}`} problem={problem} />
      ))}
      <form ref={form} className="registry-form" noValidate onSubmit={onSubmit}>
        <section className="card" aria-labelledby="registry-section">
          <h2 id="registry-section">{t('form.registrySection')}</h2>
          <TypePicker error={errorFor('type')} />
          <NameField error={errorFor('name')} />
          <UrlField error={errorFor('url')} />
        </section>
        <section className="card" aria-labelledby="credentials-section">
          <h2 id="credentials-section">{t('form.credentialsSection')}</h2>
          {fields.map((field) => (
            <SpecField key={field.key} field={field} error={errorFor(field.key)} />
          ))}
          <FormSecretTarget />
        </section>
        <FormConnectionTest />
        <section className="card">
          <DefaultCheckbox error={errorFor('isDefault')} />
        </section>
        <div className="form-actions">
          <SecretSaveReason blocked={keychainDown} />
          <Button onClick={close}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" tone="primary" disabled={saving || keychainDown} aria-busy={saving} aria-describedby={keychainDown ? SECRET_SAVE_REASON_ID : undefined}>
            {t('action.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}
