import { TlsReasonSchema, type ConnectionResult } from '../../../../shared/connection-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { HostText } from '../../../ui/HostText';
import { Button } from '../../../ui/Button';
import { TimeSentence } from '../../../ui/time/TimeText';
import { useDateTime } from '../../../ui/time/use-date-time';
import './connection.css';

function Verdict({ result }: { result: ConnectionResult }) {
  const { t } = useTranslation();
  if (result.ok) return <>{t('connection.passed')}</>;
  if (result.error?.code === 'connection.cancelled') return <>{t('connection.stopped')}</>;
  return <>{t('connection.failedAt', { step: result.step ? t(`connection.step.${result.step}`) : '' })}</>;
}

/**
 * What went wrong. A TLS failure OpenSSL gave a known reason for says it in the operator's language
 * ("unable to verify the first certificate" inside a Chinese sentence read as untranslated); the
 * raw text stays one click away under Details, for support.
 */
function FailureMessage({ error }: { error: NonNullable<ConnectionResult['error']> }) {
  const { t, problemText } = useTranslation();
  const dateTime = useDateTime();
  const params = error.params ?? {};
  const reason = TlsReasonSchema.safeParse(params.reason);
  if (!reason.success) return <p className="connection-message">{problemText(error)}</p>;
  const validTo = typeof params.validTo === 'string' && !Number.isNaN(Date.parse(params.validTo)) ? params.validTo : null;
  const said = validTo ? t('connection.tlsExpiredOn', { date: dateTime(validTo) }) : t(`connection.tlsReason.${reason.data}`);
  const detail = typeof params.issuer === 'string' ? t('connection.tlsIssuedBy', { reason: said, issuer: params.issuer }) : said;
  return (
    <>
      <p className="connection-message">{problemText({ ...error, params: { ...params, detail } })}</p>
      <details className="connection-raw" data-testid="connection-raw-detail">
        <summary>{t('connection.rawDetail')}</summary>
        <code>{String(params.detail ?? '')}</code>
      </details>
    </>
  );
}

/** The hints that ask for the registry's CA: a certificate no CA the app checks against vouches for. */
const ASKS_FOR_CA = new Set<ConnectionResult['hint']>(['untrustedSecure', 'untrustedOsTrusts']);

interface ConnectionResultPanelProps {
  result: ConnectionResult;
  /** Where the verdict is already shown next to it (a row's chip). */
  withoutVerdict?: boolean;
  /** Chooses the CA-certificate mode and opens its file picker; absent where the registry's type takes no CA. */
  onUploadCa?: () => void;
}

/** One test's verdict: the failed step, what went wrong and what to do, or how the login went. */
export function ConnectionResultPanel({ result, withoutVerdict = false, onUploadCa }: ConnectionResultPanelProps) {
  const { t } = useTranslation();
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
      {result.error && <FailureMessage error={result.error} />}
      {result.hint && <p className="connection-hint">{t(`connection.hint.${result.hint}`)}</p>}
      {onUploadCa && ASKS_FOR_CA.has(result.hint) && (
        <p className="connection-fix">
          <Button onClick={onUploadCa}>{t('connection.uploadCa')}</Button>
        </p>
      )}
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
