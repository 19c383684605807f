import type { ContextList } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';

/** Which files the contexts come from, in kubectl's order; missing files are skipped, as kubectl does. */
export function KubeconfigFiles({ list }: { list: ContextList }) {
  const { t, problemText } = useTranslation();
  return (
    <div className="kubeconfig-files">
      <p className="muted">{t(list.source === 'KUBECONFIG' ? 'clusters.sourceVariable' : 'clusters.sourceDefault')}</p>
      <ul>
        {list.files.map((file) => (
          <li key={file.path}>
            <code>{file.path}</code>
            {!file.exists && <Badge>{t('clusters.fileMissing')}</Badge>}
            {file.error && <span className="field-error">{problemText(file.error)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
