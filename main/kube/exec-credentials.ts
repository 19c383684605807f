import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';
import type { ClusterEntry, ExecConfig } from './kubeconfig-entries';
import type { PluginPath } from '../plugin-path/plugin-path';
import { runPlugin } from '../plugin-path/plugin-run';

/** What an exec credential plugin hands back (client.authentication.k8s.io ExecCredential status). */
export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Epoch ms; absent means "valid until the server says otherwise" (kubectl caches it for the process). */
  expiresAt?: number;
}

export interface ExecCredentials {
  get(context: string, exec: ExecConfig, cluster: ClusterEntry): Promise<ExecCredential>;
  /** After a 401: the next request runs the plugin again. */
  forget(exec: ExecConfig): void;
}

const PLUGIN_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 1024 * 1024;
/** Renew a little before the plugin's own expiry so no request goes out with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

function execInfo(exec: ExecConfig, cluster: ClusterEntry): string {
  const clusterInfo = exec.provideClusterInfo
    ? {
        cluster: {
          server: cluster.server,
          'certificate-authority-data': cluster.certificateAuthorityData,
          'insecure-skip-tls-verify': cluster.insecureSkipTlsVerify,
          'tls-server-name': cluster.tlsServerName,
        },
      }
    : {};
  return JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec: { interactive: false, ...clusterInfo } });
}

function parseCredential(stdout: string): ExecCredential | null {
  try {
    const status = (JSON.parse(stdout) as { status?: Record<string, unknown> }).status ?? {};
    const pick = (key: string) => (typeof status[key] === 'string' && status[key] !== '' ? (status[key] as string) : undefined);
    const expiry = pick('expirationTimestamp');
    const credential = {
      token: pick('token'),
      clientCertificateData: pick('clientCertificateData'),
      clientKeyData: pick('clientKeyData'),
      expiresAt: expiry === undefined ? undefined : Date.parse(expiry),
    };
    return credential.token || (credential.clientCertificateData && credential.clientKeyData) ? credential : null;
  } catch {
    return null;
  }
}

/** The first line of the plugin's complaint, short: enough to act on, too little to carry a token. */
const firstLine = (text: string) => text.trim().split('\n')[0]?.slice(0, 200) ?? '';

export function createExecCredentials(deps: { pluginPath: PluginPath; clock: Clock }): ExecCredentials {
  const cache = new Map<string, Promise<ExecCredential>>();
  const keyOf = (exec: ExecConfig) => JSON.stringify([exec.command, exec.args, exec.env]);

  async function run(context: string, exec: ExecConfig, cluster: ClusterEntry): Promise<ExecCredential> {
    const executable = await deps.pluginPath.resolve(exec.command);
    if (!executable) throw new AppFailure('cluster.execNotFound', { context, command: exec.command });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: await deps.pluginPath.value(), KUBERNETES_EXEC_INFO: execInfo(exec, cluster) };
    for (const { name, value } of exec.env) env[name] = value;
    const failed = (detail: string) => new AppFailure('cluster.execFailed', { context, command: exec.command, detail });
    const end = await runPlugin({ executable, args: exec.args, env, timeoutMs: PLUGIN_TIMEOUT_MS, maxOutputBytes: MAX_OUTPUT }).catch((error: NodeJS.ErrnoException) => {
      throw failed(`could not start: ${error.code ?? 'unknown error'}`);
    });
    if (end.ending === 'timeout') throw failed(`no answer within ${PLUGIN_TIMEOUT_MS / 1000} s`);
    if (end.ending === 'overflow') throw failed('it printed more than 1 MiB');
    if (end.code !== 0) throw failed(`exit code ${String(end.code)}: ${firstLine(end.stderr)}`);
    const credential = parseCredential(end.stdout);
    if (!credential) throw failed('the output is not an ExecCredential with a token or client certificate');
    return credential;
  }

  return {
    async get(context, exec, cluster) {
      const key = keyOf(exec);
      const cached = cache.get(key);
      if (cached) {
        const credential = await cached.catch(() => undefined);
        const fresh = credential && (credential.expiresAt === undefined || credential.expiresAt - EXPIRY_MARGIN_MS > deps.clock.now().getTime());
        if (fresh) return credential;
      }
      const running = run(context, exec, cluster);
      cache.set(key, running);
      running.catch(() => cache.delete(key));
      return running;
    },
    forget(exec) {
      cache.delete(keyOf(exec));
    },
  };
}
