import type { ChangeEvent } from 'react';
import type { MessageKey } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { useLanguagePreference } from '../i18n/language-preference';
import { useTranslation } from '../i18n/useTranslation';

const OPTIONS: { value: string; language: Language | null; label: MessageKey }[] = [
  { value: 'en', language: 'en', label: 'language.en' },
  { value: 'zh-CN', language: 'zh-CN', label: 'language.zh-CN' },
  { value: 'system', language: null, label: 'language.system' },
];

export function LanguageSelect() {
  const { t } = useTranslation();
  const choice = useLanguagePreference((state) => state.choice);
  const choose = useLanguagePreference((state) => state.choose);
  const selected = OPTIONS.find((option) => option.language === choice);

  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const picked = OPTIONS.find((option) => option.value === event.target.value);
    if (picked) void choose(picked.language);
  };

  return (
    <div className="language-select">
      <label htmlFor="language">{t('language.label')}</label>
      <select id="language" value={selected?.value} onChange={onChange}>
        {OPTIONS.map((option) => (
          <option key={option.value} value={option.value} lang={option.language ?? undefined}>
            {t(option.label)}
          </option>
        ))}
      </select>
    </div>
  );
}
