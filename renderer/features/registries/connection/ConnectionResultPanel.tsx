import type { ConnectionResult } from '../../../../shared/connection-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { HostText } from '../../../ui/HostText';
import { TimeSentence } from '../../../ui/time/TimeText';
import './connection.css';

function Verdict({ result }: { result: ConnectionResult }) {
  const { t } = useTranslation();
  if (result.ok) return <>{t('connection.passed')}</>;
  if (result.error?.code === 'connection.cancelled') return <>{t('connection.stopped')}</>;
  return <>{t('connection.failedAt', { step: result.step ? t(`connection.step.${result.step}`) : '' })}</>;
}

/**
 * One test's verdict: the failed step, what went wrong and what to do, or how the login went.
 * `withoutVerdict` where the verdict is already shown next to it (a row's summary).
 */
export function ConnectionResultPanel({ result, withoutVerdict = false }: { result: ConnectionResult; withoutVerdict?: boolean }) {
  const { t, problemText } = useTranslation();
  return (
    <div className={`connection-result ${result.ok ? 'connection-ok' : 'connection-failed'}`} data-testid="connection-result">
      {!withoutVerdict && (
        <p className="connection-verdict">
          <span className="connection-icon" aria-hidden="true">
            {result.ok ? '✓' : '✕'}
          </span>
          <Verdict result={result} />
        </p>
      )}
      {result.error && <p className="connection-message">{problemText(result.error)}</p>}
      {result.hint && <p className="connection-hint">{t(`connection.hint.${result.hint}`)}</p>}
      {result.ok && result.auth && (
        <p className="muted">{t('connection.summary', { auth: t(`connection.auth.${result.auth}`), roundTrips: result.roundTrips, ms: result.durationMs })}</p>
      )}
      {result.tokenExpiresAt && (
        <p className="muted">
          <TimeSentence template="connection.tokenExpires" slot="time" at={result.tokenExpiresAt} />
        </p>
      )}
      {result.warnings.map((warning) => (
        <p key={warning} className="connection-warning">
          <span aria-hidden="true">⚠ </span>
          {t(`connection.warning.${warning}`)}
        </p>
      ))}
      <p className="muted connection-endpoint">
        {t('connection.endpoint')}:{' '}
        <span className="mono">
          <HostText value={result.endpoint} />
        </span>
      </p>
    </div>
  );
}
