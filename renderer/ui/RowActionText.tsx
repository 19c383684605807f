import type { MessageKey } from '../../shared/i18n';
import { useTranslation } from '../i18n/useTranslation';

/**
 * "Set {name} as default" with the name present for assistive technology but not on screen:
 * every row shows the same short button text, yet each button's accessible name says which
 * registry it acts on, and the visible words stay part of that name (WCAG 2.5.3).
 */
export function RowActionText({ template, name }: { template: MessageKey; name: string }) {
  const { t } = useTranslation();
  const [before, after = ''] = t(template).split('{name}');
  return (
    <>
      {before}
      <span className="visually-hidden">{name}</span>
      {after}
    </>
  );
}
