import type { FailingContainer } from '../../../shared/pull-doctor-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { DataTable } from '../../ui/DataTable';
import { HostText } from '../../ui/HostText';
import { TimeText } from '../../ui/time/TimeText';

/**
 * The pods behind one verdict, folded away: which pod and container waits, the controller that
 * recreates it, the node whose kubelet pulls, and how long ago the pod was created.
 */
export function FailingPods({ image, containers }: { image: string; containers: FailingContainer[] }) {
  const { t } = useTranslation();
  if (containers.length === 0) return null;
  const pods = new Set(containers.map((container) => container.uid)).size;
  return (
    <details className="doctor-details doctor-pods" data-testid="failing-pods">
      <summary>{t('doctor.pods.title', { count: pods })}</summary>
      <DataTable
        className="doctor-pod-table"
        caption={t('doctor.pods.caption', { image })}
        columns={[t('doctor.pods.pod'), t('doctor.pods.owner'), t('doctor.pods.node'), t('doctor.pods.age')]}
      >
        {containers.map((container) => (
          <tr key={`${container.uid}/${container.container}`} data-pod={container.pod}>
            <td>
              <span className="mono">{container.pod}</span>
              <div className="detail">{t('doctor.pods.container', { container: container.container, reason: container.reason })}</div>
            </td>
            {/* An owner or a node name breaks only after a `/` or `.` (ip-10-0-0-5.eu-west-1.compute.internal), never widening the table. */}
            <td className="mono">{container.owner ? <HostText value={`${container.owner.kind}/${container.owner.name}`} /> : <span className="detail">{t('doctor.pods.noOwner')}</span>}</td>
            <td className="mono">{container.node ? <HostText value={container.node} /> : <span className="detail">{t('doctor.pods.noNode')}</span>}</td>
            <td>{container.createdAt ? <TimeText at={container.createdAt} /> : '—'}</td>
          </tr>
        ))}
      </DataTable>
    </details>
  );
}
