import { registryTypeSpec } from '../../../../shared/registry-catalogue';
import { parseEcrHost, parseRegistryUrl } from '../../../../shared/registry-url';
import { useTranslation } from '../../../i18n/useTranslation';
import { useEditorStore } from '../editor-store';
import { fieldId } from '../../../ui/fields/field-id';
import { TextField } from '../../../ui/fields/TextField';

/** For ECR the host names the account and region that tokens are minted for; show them as typed. */
function useEcrAddress(): string | null {
  const { t } = useTranslation();
  const type = useEditorStore((state) => state.draft.type);
  const url = useEditorStore((state) => state.draft.url);
  if (type !== 'ecr') return null;
  const parsed = parseRegistryUrl(url);
  const ecr = typeof parsed === 'string' ? null : parseEcrHost(parsed);
  return ecr ? t('hint.ecrRegion', { region: ecr.region, account: ecr.accountId }) : null;
}

export function UrlField({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const type = useEditorStore((state) => state.draft.type);
  const url = useEditorStore((state) => state.draft.url);
  const change = useEditorStore((state) => state.change);
  const touch = useEditorStore((state) => state.touch);
  const ecrAddress = useEcrAddress();
  const spec = registryTypeSpec(type);

  return (
    <TextField
      id={fieldId('url')}
      label={t(spec.urlLabel)}
      value={url}
      placeholder={spec.urlPlaceholder}
      error={error}
      onChange={(next) => change({ url: next })}
      onBlur={() => touch('url')}
      derived={ecrAddress && <span className="derived-fact">✓ {ecrAddress}</span>}
    />
  );
}
