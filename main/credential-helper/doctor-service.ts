import { randomBytes } from 'node:crypto';
import type { ConnectionResult } from '../../shared/connection-contract';
import { parseRegistryUrl } from '../../shared/registry-url';
import type { RegistryId, RegistryInput, RegistryRecord } from '../../shared/schemas';
import type { DoctorTool } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import { credentialsFor } from '../registry-credentials/registry-credentials';
import type { CredentialHelpers } from '../registry-import';
import { installedToolsReadAuthFileAlone } from './containers-tools';
import { speaksPlainHttpOnly } from './plain-http-probe';
import { createLoginDoctor, type HelperAnswer, type LoginDoctorDependencies } from './login-doctor';

export interface DoctorServiceDependencies extends Pick<LoginDoctorDependencies, 'workstation' | 'uid' | 'registries' | 'now'> {
  helpers: CredentialHelpers;
  /** The absolute path of a command on the tools' PATH, or null. */
  resolveCommand(command: string): Promise<string | null>;
  secrets: RegistrySecrets;
  /** The existing connection test, for a saved registry and for a login that is not saved. */
  testRegistry(id: RegistryId, testId: string, signal?: AbortSignal): Promise<ConnectionResult>;
  testDraft(input: RegistryInput, testId: string, signal?: AbortSignal): Promise<ConnectionResult>;
}

const HUB = 'https://index.docker.io/v1/';

async function plainHttpUrl(host: string): Promise<string | null> {
  const parsed = parseRegistryUrl(host);
  if (typeof parsed === 'string') return null;
  return (await speaksPlainHttpOnly(parsed.host, parsed.port)) ? `http://${parsed.normalized}` : null;
}

/** The login doctor as the window calls it: the doctor, and the connection test of the login one tool would send. */
export function createDoctorService(deps: DoctorServiceDependencies) {
  async function askHelper(helper: string, serverUrl: string): Promise<HelperAnswer> {
    try {
      const answer = await deps.helpers.get(helper, serverUrl);
      return answer ? { kind: 'login', username: answer.username, secret: answer.secret } : { kind: 'none' };
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      return { kind: error.appError.code === 'import.helperMissing' ? 'missing' : 'failed' };
    }
  }

  async function registryLogin(record: RegistryRecord) {
    try {
      const credentials = await credentialsFor(record, (kind) => deps.secrets.read(record.id, kind));
      return credentials.kind === 'password' ? { username: credentials.username, secret: credentials.password } : null;
    } catch {
      // A registry whose secret cannot be read has no login to compare; the connection test says why.
      return null;
    }
  }

  const doctor = createLoginDoctor({
    ...deps,
    askHelper,
    registryLogin,
    onPath: async (command) => (await deps.resolveCommand(command)) !== null,
    readsAuthFileAlone: () => installedToolsReadAuthFileAlone(deps.resolveCommand, { ...deps.workstation.env }),
  });

  async function doctorTest(host: string, tool: DoctorTool, signal?: AbortSignal): Promise<ConnectionResult> {
    const { login, record, answer } = await doctor.loginFor(host, tool);
    const testId = `doctor-${randomBytes(6).toString('hex')}`;
    if (!login) throw new AppFailure('tools.doctorNoLogin', { host, tool });
    if (login.username === '<token>') throw new AppFailure('tools.doctorTokenLogin', { host, tool });
    // The helper answers with the saved registry's own login: its own test is the faithful one (fresh cloud tokens included).
    if (answer?.where === 'registry-desk' && record) return deps.testRegistry(record.id, testId, signal);
    const common = { name: record?.name ?? host, username: login.username, password: login.secret };
    if (host === HUB) return deps.testDraft({ type: 'docker', url: 'docker.io', ...common }, testId, signal);
    if (record) {
      const input: RegistryInput = { type: 'other', url: record.url, connection: record.connection ?? 'secure', ...(record.caCertificate ? { caCertificate: record.caCertificate } : {}), ...common };
      return deps.testDraft(input, testId, signal);
    }
    // A host only the tools know: tested over plain HTTP when that is all it speaks, as docker would reach it.
    const plain = await plainHttpUrl(host);
    return deps.testDraft({ type: 'other', url: plain ?? host, connection: plain ? 'insecure' : 'secure', ...common }, testId, signal);
  }

  return { doctor: () => doctor.doctor(), doctorTest };
}
