import type { RadarReport } from '../../../shared/radar-contract';
import { navigate } from '../../data/navigation';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';

/**
 * Passwords this workstation's docker and containers files hold in plain text, per registry (hosts
 * and paths only); the fix is the existing Workstation tools screen.
 */
export function WorkstationFindings({ report }: { report: RadarReport }) {
  const { t } = useTranslation();
  if (report.workstationPlainText.length === 0) return null;
  return (
    <Card
      title={t('radar.workstation.title')}
      titleId="radar-workstation-title"
      testId="radar-workstation"
      actions={
        <Button small onClick={() => navigate({ screen: 'workstation-tools' })}>
          {t('radar.workstation.fix')}
        </Button>
      }
    >
      <p className="muted">{t('radar.workstation.intro')}</p>
      <ul className="radar-plain-list">
        {report.workstationPlainText.map(({ registry, files }) => (
          <li key={registry} data-testid="radar-plain-text" data-registry={registry}>
            <Badge tone="warn">{t('radar.tone.warn')}</Badge> {t('radar.workstation.plainText', { registry, count: files.length })}
            <span className="detail mono"> {files.join(', ')}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
