import type { DoctorAnswer, DoctorFlag, DoctorHost, DoctorTool } from '../../../shared/workstation-tools-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { DataTable } from '../../ui/DataTable';
import { HostText } from '../../ui/HostText';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { TimeSentence } from '../../ui/time/TimeText';
import { doctorTestKey, useToolsStore } from './tools-store';

const TOOL_LABEL = { docker: 'tools.doctorDocker', helm: 'tools.doctorHelm' } as const;
/** The tools that share one column: their command names as written (mono), one to a line, so the head stays narrow. */
const CONTAINER_TOOLS = ['podman', 'skopeo', 'buildah'];
const WHERE_LABEL = {
  'plain-text': 'tools.doctorWherePlainText',
  helper: 'tools.doctorWhereHelper',
  'registry-desk': 'tools.doctorWhereKeychain',
  none: 'tools.doctorWhereNone',
  environment: 'tools.doctorWhereEnvironment',
} as const;
const WHERE_TONE: Record<DoctorAnswer['where'], BadgeTone> = { 'plain-text': 'warn', helper: 'info', 'registry-desk': 'ok', none: 'neutral', environment: 'warn' };
const VIA_LABEL = {
  credHelpers: 'tools.doctorViaCredHelpers',
  credsStore: 'tools.doctorViaCredsStore',
  defaultStore: 'tools.doctorViaDefaultStore',
  auths: 'tools.doctorViaAuths',
  environment: 'tools.doctorViaEnvironment',
  none: null,
} as const;
/** A helper that is missing or fails: docker sends the file's auths entry instead, the others stop (outcome error). */
function noteLabel(answer: DoctorAnswer) {
  switch (answer.note) {
    case 'storeLacksHost':
      return 'tools.doctorNoteStoreLacksHost';
    case 'helperLacksHost':
      return 'tools.doctorNoteHelperLacksHost';
    case 'helperMissing':
      return answer.outcome === 'error' ? 'tools.doctorNoteHelperMissingStops' : 'tools.doctorNoteHelperMissingFallback';
    case 'helperFailed':
      return answer.outcome === 'error' ? 'tools.doctorNoteHelperFailedStops' : 'tools.doctorNoteHelperFailedFallback';
    case 'defaultStoreEnds':
      return answer.tool === 'helm' ? 'tools.doctorNoteDefaultStoreEndsHelm' : 'tools.doctorNoteDefaultStoreEnds';
    default:
      return null;
  }
}

/** The file's last two parts (`.docker/config.json`, `containers/auth.json`) say which one; the whole path is on hover. */
const shortPath = (path: string) => path.split(/[\\/]/).slice(-2).join('/');
const FLAG_LABEL = {
  plainText: 'tools.doctorFlagPlainText',
  expiredToken: 'tools.doctorFlagExpired',
  helperMissing: 'tools.doctorFlagHelperMissing',
  conflict: 'tools.doctorFlagConflict',
  plainTextInEnvironment: 'tools.doctorFlagPlainTextEnvironment',
} as const satisfies Record<DoctorFlag, string>;

function TestResult({ host, tool }: { host: string; tool: DoctorTool }) {
  const { t } = useTranslation();
  const test = useToolsStore((state) => state.doctorTests[doctorTestKey(host, tool)]);
  if (!test) return null;
  if (test.running) return <span role="status" className="muted">{t('tools.doctorTesting')}</span>;
  if (test.error) return <ProblemBanner problem={test.error} />;
  if (test.result?.ok) return <Badge tone="ok" testId="doctor-test-ok">{t('tools.doctorWorks')}</Badge>;
  return test.result?.error ? <ProblemBanner problem={test.result.error} /> : null;
}

/** One tool's answer for one host: who, where it lives, by which rule, and the test of it. */
function AnswerCell({ host, answer, showNumber }: { host: string; answer: DoctorAnswer; showNumber: boolean }) {
  const { t } = useTranslation();
  const testLogin = useToolsStore((state) => state.testDoctorLogin);
  const running = useToolsStore((state) => state.doctorTests[doctorTestKey(host, answer.tool)]?.running === true);
  const via = VIA_LABEL[answer.via];
  const note = noteLabel(answer);
  return (
    <td data-testid={`doctor-${answer.tool}`} data-outcome={answer.outcome} data-where={answer.where} data-via={answer.via}>
      <div className="doctor-answer">
        {answer.outcome === 'login' && (
          <span className="doctor-user">
            {answer.username === '<token>' ? t('tools.doctorIdentityToken') : answer.username}
            {showNumber && answer.login !== null && <Badge tone="info">{t('tools.doctorLoginNumber', { number: answer.login })}</Badge>}
          </span>
        )}
        {answer.outcome === 'none' && <span>{t('tools.doctorNoCredentials')}</span>}
        {answer.outcome === 'error' && (
          <span className="doctor-badges">
            <Badge tone="error">{t('tools.doctorToolError')}</Badge>
          </span>
        )}
        <span className="doctor-badges">
          {answer.outcome === 'login' && (
            <Badge tone={WHERE_TONE[answer.where]}>{t(WHERE_LABEL[answer.where], { helper: answer.helper ?? '' })}</Badge>
          )}
          {via && <Badge tone="neutral">{t(via, { helper: answer.helper ?? '' })}</Badge>}
        </span>
        {note && (
          // A table cell at 1024 px is narrower than a helper's name: here the name may break, the table may not overflow.
          <span className="muted doctor-note">{t(note, { helper: answer.helper ?? '' })}</span>
        )}
        {answer.expiresAt && (
          <span className="muted">
            <TimeSentence template="tools.doctorExpires" at={answer.expiresAt} />
          </span>
        )}
        {answer.file && (
          <code className="mono doctor-file" title={answer.file}>
            <HostText value={shortPath(answer.file)} />
          </code>
        )}
        {answer.outcome === 'login' && (
          // Small, as a row's action: the widest thing in a tool's column, it sets how much room the findings get.
          <Button small disabled={running} onClick={() => void testLogin(host, answer.tool)}>
            {t('tools.doctorTest')}
          </Button>
        )}
        <TestResult host={host} tool={answer.tool} />
      </div>
    </td>
  );
}

function HostRow({ host }: { host: DoctorHost }) {
  const { t } = useTranslation();
  const conflict = host.flags.includes('conflict');
  return (
    <tr data-testid="doctor-host" data-host={host.host}>
      <th scope="row">
        <HostText value={host.host} />
        <span className="muted doctor-registry">{host.registryName ?? t('tools.doctorNotInRegistryDesk')}</span>
        <span className="doctor-badges doctor-flags">
          {host.flags.length === 0 && <Badge tone="ok">{t('tools.doctorFlagNone')}</Badge>}
          {host.flags.map((flag) => (
            <Badge key={flag} tone={flag === 'conflict' || flag === 'plainText' || flag === 'plainTextInEnvironment' ? 'warn' : 'error'} testId={`doctor-flag-${flag}`}>
              {t(FLAG_LABEL[flag])}
            </Badge>
          ))}
        </span>
      </th>
      {host.answers.map((answer) => (
        <AnswerCell key={answer.tool} host={host.host} answer={answer} showNumber={conflict} />
      ))}
    </tr>
  );
}

/** Login doctor: which login docker, podman/skopeo/buildah and helm would really send to each host. */
export function DoctorCard() {
  const { t } = useTranslation();
  const doctor = useToolsStore((state) => state.doctor);
  const runDoctor = useToolsStore((state) => state.runDoctor);
  const data = doctor.data;
  return (
    <Card
      title={t('tools.doctorTitle')}
      titleId="tools-doctor-title"
      testId="tools-doctor"
      actions={
        <Button tone="primary" disabled={doctor.status === 'loading'} onClick={() => void runDoctor()}>
          {data ? t('tools.doctorRunAgain') : t('tools.doctorRun')}
        </Button>
      }
    >
      <p className="muted">{t('tools.doctorIntro')}</p>
      <ProblemBanner problem={doctor.error} />
      {doctor.status === 'loading' && (
        <p className="muted" role="status">
          {t('tools.doctorRunning')}
        </p>
      )}
      {data?.environment?.state === 'used' && (
        <p role="note" data-testid="doctor-environment">
          <Badge tone="warn">{t('tools.doctorFlagPlainTextEnvironment')}</Badge> {t('tools.doctorEnvironmentUsed', { count: data.environment.hosts })}
        </p>
      )}
      {data?.environment?.problem && <ProblemBanner problem={data.environment.problem} />}
      {data && data.hosts.length === 0 && <p className="muted">{t('tools.doctorNoHosts')}</p>}
      {data && data.hosts.length > 0 && (
        <DataTable
          caption={t('tools.doctorCaption')}
          columns={[t('tools.doctorHostColumn'), t(TOOL_LABEL.docker), <span key="containers" className="doctor-tools mono">
              {CONTAINER_TOOLS.map((name) => (
                <span key={name}>{name}</span>
              ))}
            </span>, t(TOOL_LABEL.helm)]}
          className="doctor-table"
          testId="doctor-table"
        >
          {data.hosts.map((host) => (
            <HostRow key={host.host} host={host} />
          ))}
        </DataTable>
      )}
      {data && <p className="muted">{t('tools.doctorRules')}</p>}
    </Card>
  );
}
