import type { ContextView } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { ContextStatusText } from './ContextStatusText';
import { useContextsStore } from '../../data/contexts';
import { Button } from '../../ui/Button';
import { Badge } from '../../ui/Badge';

function AuthText({ context }: { context: ContextView }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`clusters.auth.${context.auth}`)}
      {context.execCommand && <code className="auth-command">{context.execCommand}</code>}
      {context.insecureSkipTlsVerify && <Badge tone="warn">⚠ {t('clusters.insecureTls')}</Badge>}
    </>
  );
}

function ContextRow({ context }: { context: ContextView }) {
  const { t } = useTranslation();
  const probe = useContextsStore((state) => state.probe);
  return (
    <tr data-testid="context-row" data-context={context.name}>
      <th scope="row">
        <span className="registry-name">
          {context.name}
          {context.isCurrent && <Badge tone="info">{t('clusters.current')}</Badge>}
        </span>
        <span className="detail mono">{context.server ?? t('clusters.noServer')}</span>
      </th>
      <td>
        {context.user ?? '—'}
        <span className="detail auth">
          <AuthText context={context} />
        </span>
      </td>
      <td className="mono">{context.namespace}</td>
      <td>
        <ContextStatusText context={context} />
      </td>
      <td className="row-actions">
        <Button disabled={Boolean(context.problem) || context.status.state === 'checking'} onClick={() => void probe([context.name])}>
          {t('clusters.checkOne')}
          <span className="visually-hidden"> {context.name}</span>
        </Button>
      </td>
    </tr>
  );
}

export function ContextTable({ contexts }: { contexts: ContextView[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-frame">
      <table className="registry-table access-table">
        <caption className="visually-hidden">{t('clusters.contextsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clusters.context')}</th>
            <th scope="col">{t('clusters.user')}</th>
            <th scope="col">{t('clusters.namespace')}</th>
            <th scope="col">{t('clusters.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('registries.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contexts.map((context) => (
            <ContextRow key={context.name} context={context} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
