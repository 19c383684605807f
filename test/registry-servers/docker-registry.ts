import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { stringify } from 'yaml';
import { freePort } from './free-port';

export interface DockerRegistryOptions {
  tls?: { certificate: string; privateKey: string };
  /** Basic auth (auth.htpasswd): user → password, written as bcrypt lines. */
  users?: Record<string, string>;
  /** Token auth (auth.token): the registry trusts tokens signed by `rootCertBundle`. */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
  /**
   * The address it listens on; 127.0.0.1 unless told. The docker CLI treats loopback registries as
   * insecure (no certificate check), so a test of its CA handling needs another of the machine's addresses.
   */
  listenHost?: string;
}

/** One line of the registry's own access log. */
export interface AccessLogLine {
  method: string;
  path: string;
  status: number;
  userAgent: string;
}

export interface RunningDockerRegistry {
  /** `127.0.0.1:<port>` (or `listenHost`'s), as `docker login` and skopeo take it. */
  address: string;
  port: number;
  /** How many access-log lines there are so far; pass it to `accessLog` to see only later ones. */
  mark(): number;
  accessLog(since?: number): AccessLogLine[];
  setUsers(users: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

const ACCESS_LINE = /^\S+ - \S+ \[[^\]]+\] "(\w+) (\S+) [^"]*" (\d{3}) \S+ "[^"]*" "([^"]*)"/;
const REGISTRY_BINARY = '/usr/bin/docker-registry';

function htpasswd(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([user, password]) => `${user}:${bcrypt.hashSync(password, 4)}\n`)
    .join('');
}

function configFor(dir: string, port: number, options: DockerRegistryOptions) {
  const auth = options.token
    ? { token: { ...options.token, rootcertbundle: join(dir, 'token-root.crt'), autoredirect: false } }
    : options.users
      ? { htpasswd: { realm: 'registry-desk-test', path: join(dir, 'htpasswd') } }
      : undefined;
  return {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: false } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: {
      addr: `${options.listenHost ?? '127.0.0.1'}:${port}`,
      ...(options.tls ? { tls: { certificate: join(dir, 'server.crt'), key: join(dir, 'server.key') } } : {}),
    },
    ...(auth ? { auth } : {}),
  };
}

// Tens of seconds: a loaded machine starts a Go binary slowly, and nothing else waits on it.
const START_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 5;

function waitUntilListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`docker-registry did not start:\n${output()}`)), START_TIMEOUT_MS);
    const check = () => {
      if (!/listening on/.test(output())) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`docker-registry exited with ${code}:\n${output()}`));
    });
  });
}

interface Launched {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

/** Starts the registry on `port`; rejects, with the child gone, when it does not come up. */
async function launch(dir: string, port: number, options: DockerRegistryOptions): Promise<Launched> {
  await writeFile(join(dir, 'config.yml'), stringify(configFor(dir, port, options)));
  let output = '';
  const child = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilListening(child, () => output);
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  }
  return { child, exited, output: () => output };
}

/**
 * The registry must be told its port, so the port is picked first and bound later; another process
 * can take it in between. That shows as "address already in use": try again on another port.
 */
async function launchOnFreePort(dir: string, options: DockerRegistryOptions): Promise<Launched & { port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(options.listenHost);
    try {
      return { ...(await launch(dir, port, options)), port };
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !/address already in use/.test((error as Error).message)) throw error;
    }
  }
}

/** Debian's CNCF distribution 2.8, on 127.0.0.1 (or `listenHost`) with its storage in a temporary folder. */
export async function startDockerRegistry(options: DockerRegistryOptions = {}): Promise<RunningDockerRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'registry-desk-registry-'));
  if (options.tls) {
    await writeFile(join(dir, 'server.crt'), options.tls.certificate);
    await writeFile(join(dir, 'server.key'), options.tls.privateKey);
  }
  if (options.token) await writeFile(join(dir, 'token-root.crt'), options.token.rootCertBundle);
  await writeFile(join(dir, 'htpasswd'), htpasswd(options.users ?? {}));
  let launched: Launched & { port: number };
  try {
    launched = await launchOnFreePort(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const { child, exited, output, port } = launched;
  const lines = () =>
    output()
      .split('\n')
      .map((line) => ACCESS_LINE.exec(line))
      .filter((match): match is RegExpExecArray => match !== null);
  return {
    address: `${options.listenHost ?? '127.0.0.1'}:${port}`,
    port,
    mark: () => lines().length,
    accessLog: (since = 0) =>
      lines()
        .slice(since)
        .map((match) => ({ method: match[1]!, path: match[2]!, status: Number(match[3]), userAgent: match[4]! })),
    setUsers: (users) => writeFile(join(dir, 'htpasswd'), htpasswd(users)),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
