import type { CertificateSummary } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { TimeSentence, TimeText } from '../../../ui/time/TimeText';
import type { CertificateCheck } from '../editor-store';

/** Distinguished names arrive one attribute per line; a row of a list reads better on one. */
const oneLine = (name: string): string => name.split('\n').filter(Boolean).join(', ');

function CertificateItem({ certificate }: { certificate: CertificateSummary }) {
  const { t } = useTranslation();
  return (
    <li className={`inset-box certificate${certificate.expired ? ' is-expired' : ''}`}>
      <dl>
        <dt>{t('certificate.subject')}</dt>
        <dd>{oneLine(certificate.subject)}</dd>
        <dt>{t('certificate.issuer')}</dt>
        <dd>{oneLine(certificate.issuer)}</dd>
        <dt>{t('certificate.expires')}</dt>
        <dd>
          <TimeText at={certificate.validTo} />
        </dd>
      </dl>
      {certificate.expired && (
        <p className="callout callout-warning">
          ⚠ <TimeSentence template="certificate.expired" slot="date" at={certificate.validTo} />
        </p>
      )}
      {!certificate.isCertificateAuthority && (
        <p className="callout callout-info">{t('certificate.notAuthority')}</p>
      )}
    </li>
  );
}

/** What main read from the certificate text: the operator checks it is the CA they meant. */
export function CertificateList({ check }: { check: CertificateCheck }) {
  const { t, problemText } = useTranslation();
  const problem = check.error?.fieldErrors?.[0] ?? check.error;
  return (
    <div className="certificate-check" aria-live="polite">
      {check.checking && <p className="muted">{t('certificate.checking')}</p>}
      {problem && <p className="field-error">{problemText(problem)}</p>}
      {check.summaries.length > 0 && (
        <ul className="certificates">
          {check.summaries.map((certificate) => (
            <CertificateItem key={certificate.fingerprint256} certificate={certificate} />
          ))}
        </ul>
      )}
    </div>
  );
}
