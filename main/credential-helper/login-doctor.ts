import { createHash } from 'node:crypto';
import type { AppError } from '../../shared/errors';
import type { RegistryRecord } from '../../shared/schemas';
import type { DoctorAnswer, DoctorFlag, DoctorHost, DoctorTool, LoginDoctor } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { decodeAuth, dockerAuthKey, type Workstation } from '../registry-import';
import { configuresAuth, detectDefaultStore } from './default-store';
import { DOCKER_AUTH_CONFIG, readEnvironmentAuths, type EnvironmentAuths } from './docker-auth-config';
import { doctorFiles, type DoctorFile } from './doctor-files';
import { registryHost } from './server-host';
import { holdsPlainText } from './tool-config-switch';
import { readToolFile } from './tool-files';

/*
 * Login doctor: per host, the login each tool would send. The rules, from the tools' sources:
 *
 * docker (docker/cli configfile/file.go GetCredentialsStore, credentials/native_store.go):
 * `credHelpers[key]` (key spelled exactly: host[:port], Docker Hub `https://index.docker.io/v1/`),
 * else `credsStore`, else, when the file configures no auth at all (or is absent), the platform's
 * default helper (cli/config/config.go: ContainsAuth, credentials.DetectDefaultStore; the same
 * detection as helm's below), else the file's `auths`. A helper that answers "credentials not found" gives
 * an empty login, whatever `auths` holds; a helper that cannot run or fails gives the file's
 * `auths` entry instead (nativeStore.Get returns it with the error, and callers drop the error).
 * docker 28.3+ first looks the key up in DOCKER_AUTH_CONFIG (docker-auth-config.ts).
 *
 * containers-image (c/image pkg/docker/config/config.go getCredentialsWithHomeDir and
 * findCredentialsInFile): the files in order; in each, `credHelpers[registry]` first (Docker Hub
 * is `docker.io`): a login ends the search, "not found" goes on to the next file, a helper that
 * fails stops it with an error. Then `auths` (only `auth` and `identitytoken` count), exact key
 * first, then keys normalized (scheme and path dropped, docker.io spellings one). `credsStore`
 * is never read.
 *
 * helm 3.18+ (pkg/registry/client.go: NewStoreWithFallbacks(helm's file, docker's file);
 * oras-go registry/remote/credentials store.go): per file `credHelpers[address]`, else
 * `credsStore`, else, when the file configures no auth at all, the platform's default helper
 * (`pass` if `pass` is on PATH, else `secretservice`, when its docker-credential-* exists), else
 * `auths` (exact key, then keys without scheme and path). An empty answer goes on to docker's
 * file; a helper error is helm's error.
 */

/** What a docker credential helper answered; `missing`: not on PATH, `failed`: ran and failed. */
export type HelperAnswer = { kind: 'login'; username: string; secret: string } | { kind: 'none' } | { kind: 'missing' } | { kind: 'failed' };

export interface LoginDoctorDependencies {
  workstation: Workstation;
  uid: number;
  registries: () => readonly RegistryRecord[];
  /** `docker-credential-<helper> get` with the server URL on stdin, as the tools run it. */
  askHelper(helper: string, serverUrl: string): Promise<HelperAnswer>;
  /** Whether a command is found on the tools' PATH. */
  onPath(command: string): Promise<boolean>;
  /** Whether podman, skopeo and buildah read REGISTRY_AUTH_FILE alone (containers-tools.ts); asked only when it is set. */
  readsAuthFileAlone(): Promise<boolean>;
  /** A saved registry's own username and password (password registries only), to compare with the tools' copies. */
  registryLogin(record: RegistryRecord): Promise<{ username: string; secret: string } | null>;
  now(): Date;
}

const HUB = 'https://index.docker.io/v1/';
/** Hostile or huge files: the doctor looks at this many hosts at most. */
const MAX_HOSTS = 500;
const HELPER_CONCURRENCY = 4;

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

interface ReadDoctorFile extends DoctorFile {
  exists: boolean;
  problem: AppError | null;
  credsStore: string | null;
  credHelpers: Record<string, string>;
  auths: JsonObject;
  /** The first `auths` key of each normalized spelling, per tool's rule: found once per file, not once per host. */
  keysBy: Record<'docker' | 'containers' | 'hostname', Map<string, string>>;
}

function keyIndex(auths: JsonObject, normalize: (key: string) => string): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of Object.keys(auths)) if (!index.has(normalize(key))) index.set(normalize(key), key);
  return index;
}

async function readDoctorFile(file: DoctorFile): Promise<ReadDoctorFile> {
  const read = await readToolFile(file.tool === 'docker' ? 'docker' : 'containers', file.path);
  const empty = { ...file, exists: read.text !== null, problem: read.problem, credsStore: null, credHelpers: {}, auths: {}, keysBy: { docker: new Map(), containers: new Map(), hostname: new Map() } };
  if (read.text === null || read.text.trim() === '') return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return { ...empty, problem: new AppFailure('tools.configNotJson', { path: file.path }).appError };
  }
  if (!isObject(parsed) || (parsed.credHelpers !== undefined && !isObject(parsed.credHelpers)) || (parsed.auths !== undefined && !isObject(parsed.auths))) {
    return { ...empty, problem: new AppFailure('tools.configShape', { path: file.path }).appError };
  }
  const helpers = (parsed.credHelpers as JsonObject | undefined) ?? {};
  const auths = (parsed.auths as JsonObject | undefined) ?? {};
  return {
    ...empty,
    credsStore: text(parsed.credsStore) || null,
    credHelpers: Object.fromEntries(Object.entries(helpers).filter(([, name]) => typeof name === 'string' && name !== '')) as Record<string, string>,
    auths,
    keysBy: { docker: keyIndex(auths, dockerAuthKey), containers: keyIndex(auths, containersKey), hostname: keyIndex(auths, hostOfKey) },
  };
}

interface Login {
  username: string;
  secret: string;
}

/** An `auths` entry's login as a tool reads it: `auth` (base64 user:password), an identity token, and for docker and helm also `username` + `password`. */
function entryLogin(entry: unknown, readsFields: boolean): Login | null {
  if (!isObject(entry)) return null;
  if (text(entry.identitytoken) !== '') return { username: '<token>', secret: text(entry.identitytoken) };
  const decoded = text(entry.auth) === '' ? null : decodeAuth(text(entry.auth));
  if (decoded) return { username: decoded.username, secret: decoded.password };
  if (readsFields && text(entry.username) !== '' && text(entry.password) !== '') return { username: text(entry.username), secret: text(entry.password) };
  return null;
}

/** A key without scheme and path (docker's ConvertToHostname, oras' ToHostname). */
function hostOfKey(key: string): string {
  const rest = key.replace(/^https?:\/\//, '');
  return rest.split('/', 1)[0]!;
}

/** c/image normalizeAuthFileKey + normalizeRegistry: the path is dropped only when a scheme was. */
function containersKey(key: string): string {
  const stripped = key.replace(/^https?:\/\//, '');
  const host = stripped !== key ? stripped.split('/', 1)[0]! : stripped;
  return host === 'registry-1.docker.io' || host === 'docker.io' ? 'index.docker.io' : host;
}

/** The exact key first, then the first key that normalizes to the same spelling. */
function findEntry(file: ReadDoctorFile, exact: string, rule: keyof ReadDoctorFile['keysBy'], normalized: string): unknown {
  if (Object.hasOwn(file.auths, exact)) return file.auths[exact];
  const key = file.keysBy[rule].get(normalized);
  return key === undefined ? undefined : file.auths[key];
}

interface Resolved {
  answer: Omit<DoctorAnswer, 'login' | 'expiresAt'>;
  login: Login | null;
}

type Asker = (helper: string, serverUrl: string) => Promise<HelperAnswer>;

const blank = (tool: DoctorTool): Resolved['answer'] => ({ tool, outcome: 'none', via: 'none', file: null, helper: null, where: 'none', username: null, note: null });
const whereOf = (helper: string) => (helper === 'registry-desk' ? ('registry-desk' as const) : ('helper' as const));
const helperTrouble = (answer: HelperAnswer) => (answer.kind === 'missing' ? ('helperMissing' as const) : ('helperFailed' as const));

/**
 * A login the default store gives only while the file configures no login at all: switching any
 * host to registry-desk writes a credHelpers entry, and from then on docker and helm no longer ask
 * that store, for this host either (unless credsStore keeps it: tools.keepDefaultStore).
 */
const endsOnSwitch = (via: DoctorAnswer['via']) => (via === 'defaultStore' ? ('defaultStoreEnds' as const) : null);

async function dockerLogin(file: ReadDoctorFile, key: string, ask: Asker, environment: EnvironmentAuths, defaultStore: string | null): Promise<Resolved> {
  const fromEnvironment = environment.state === 'used' ? environment.logins.get(key) : undefined;
  if (fromEnvironment) {
    return { answer: { ...blank('docker'), outcome: 'login', via: 'environment', where: 'environment', username: fromEnvironment.username }, login: fromEnvironment };
  }
  const fromAuths = (): Login | null => entryLogin(findEntry(file, key, 'docker', key), true);
  const own = Object.hasOwn(file.credHelpers, key) ? file.credHelpers[key]! : null;
  const helper = own ?? file.credsStore ?? (configuresAuth(file) ? null : defaultStore);
  const via = own ? ('credHelpers' as const) : file.credsStore ? ('credsStore' as const) : ('defaultStore' as const);
  const base = { ...blank('docker'), file: file.path };
  if (helper) {
    const answer = await ask(helper, key);
    if (answer.kind === 'login') return { answer: { ...base, outcome: 'login', via, helper, where: whereOf(helper), username: answer.username, note: endsOnSwitch(via) }, login: answer };
    if (answer.kind === 'none') return { answer: { ...base, via, helper, note: via === 'credsStore' ? 'storeLacksHost' : 'helperLacksHost' }, login: null };
    const login = fromAuths();
    return { answer: { ...base, outcome: login ? 'login' : 'none', via: login ? 'auths' : 'none', helper, where: login ? 'plain-text' : 'none', username: login?.username ?? null, note: helperTrouble(answer) }, login };
  }
  const login = fromAuths();
  return { answer: login ? { ...base, outcome: 'login', via: 'auths', where: 'plain-text', username: login.username } : base, login };
}

async function containersLogin(files: ReadDoctorFile[], registry: string, ask: Asker): Promise<Resolved> {
  for (const file of files) {
    const base = { ...blank('containers'), file: file.path };
    if (file.problem) return { answer: { ...base, outcome: 'error' }, login: null };
    const helper = file.credHelpers[registry];
    if (helper !== undefined && Object.hasOwn(file.credHelpers, registry)) {
      const answer = await ask(helper, registry);
      if (answer.kind === 'login') return { answer: { ...base, outcome: 'login', via: 'credHelpers', helper, where: whereOf(helper), username: answer.username }, login: answer };
      if (answer.kind === 'none') continue;
      return { answer: { ...base, outcome: 'error', via: 'credHelpers', helper, note: helperTrouble(answer) }, login: null };
    }
    const login = entryLogin(findEntry(file, registry, 'containers', containersKey(registry)), false);
    if (login) return { answer: { ...base, outcome: 'login', via: 'auths', where: 'plain-text', username: login.username }, login };
  }
  return { answer: blank('containers'), login: null };
}

async function helmLogin(files: ReadDoctorFile[], address: string, ask: Asker, defaultStore: string | null): Promise<Resolved> {
  for (const file of files) {
    const base = { ...blank('helm'), file: file.path };
    if (file.problem) return { answer: { ...base, outcome: 'error' }, login: null };
    const own = Object.hasOwn(file.credHelpers, address) ? file.credHelpers[address]! : null;
    const helper = own ?? file.credsStore ?? (configuresAuth(file) ? null : defaultStore);
    if (helper) {
      const via = own ? ('credHelpers' as const) : file.credsStore ? ('credsStore' as const) : ('defaultStore' as const);
      const answer = await ask(helper, address);
      if (answer.kind === 'login') return { answer: { ...base, outcome: 'login', via, helper, where: whereOf(helper), username: answer.username, note: endsOnSwitch(via) }, login: answer };
      if (answer.kind === 'none') continue;
      return { answer: { ...base, outcome: 'error', via, helper, note: helperTrouble(answer) }, login: null };
    }
    const login = entryLogin(findEntry(file, address, 'hostname', address), true);
    if (login) return { answer: { ...base, outcome: 'login', via: 'auths', where: 'plain-text', username: login.username }, login };
  }
  return { answer: blank('helm'), login: null };
}

/** A JWT's own expiry (identity tokens, registry tokens), or null for any other secret. */
function tokenExpiry(secret: string): Date | null {
  const parts = secret.split('.');
  if (parts.length !== 3 || secret.length > 64 * 1024) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return isObject(claims) && typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? new Date(claims.exp * 1000) : null;
  } catch {
    return null;
  }
}

function environmentView(environment: EnvironmentAuths): LoginDoctor['environment'] {
  switch (environment.state) {
    case 'unset':
      return null;
    case 'unread':
      return { state: 'unread', hosts: 0, problem: new AppFailure('tools.dockerAuthConfigTooLarge').appError };
    case 'ignored':
      return { state: 'ignored', hosts: 0, problem: new AppFailure('tools.dockerAuthConfigIgnored', { detail: environment.reason }).appError };
    case 'used':
      return { state: 'used', hosts: environment.logins.size, problem: null };
  }
}

const fingerprint = (login: Login) => createHash('sha256').update(`${login.username}\0${login.secret}`).digest('hex');

/** The doctor's view of every host, and the tools' logins with their secrets (kept in main, for the connection test). */
export interface DoctorRun {
  doctor: LoginDoctor;
  logins: Map<string, Map<DoctorTool, Login | null>>;
}

export function createLoginDoctor(deps: LoginDoctorDependencies) {
  /** Each helper is asked once per server URL in a run, a few at a time, as a tool would ask it. */
  function cachedAsker(): Asker {
    const asked = new Map<string, Promise<HelperAnswer>>();
    let running = 0;
    const waiting: (() => void)[] = [];
    const slot = async () => {
      if (running >= HELPER_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
      running += 1;
    };
    const release = () => {
      running -= 1;
      waiting.shift()?.();
    };
    return (helper, serverUrl) => {
      const id = `${helper}\n${serverUrl}`;
      let answer = asked.get(id);
      if (!answer) {
        answer = slot().then(() => deps.askHelper(helper, serverUrl).finally(release));
        asked.set(id, answer);
      }
      return answer;
    };
  }

  async function run(only?: string): Promise<DoctorRun> {
    const authFileAlone = deps.workstation.env.REGISTRY_AUTH_FILE ? await deps.readsAuthFileAlone() : true;
    const files = await Promise.all(doctorFiles(deps.workstation, deps.uid, authFileAlone).map(readDoctorFile));
    const environment = readEnvironmentAuths(deps.workstation.env[DOCKER_AUTH_CONFIG]);
    const environmentEntries = environment.state === 'used' || environment.state === 'ignored' ? environment.entries : new Map<string, unknown>();
    const byTool = (tool: DoctorTool) => files.filter((file) => file.tool === tool);
    const records = deps.registries();
    const hosts = new Set<string>();
    for (const file of files) for (const key of [...Object.keys(file.credHelpers), ...Object.keys(file.auths)]) hosts.add(dockerAuthKey(key));
    for (const key of environmentEntries.keys()) hosts.add(dockerAuthKey(key));
    for (const record of records) {
      const host = registryHost(record);
      if (host !== null) hosts.add(dockerAuthKey(host));
    }
    const ask = cachedAsker();
    const defaultStore = await detectDefaultStore(deps.workstation.platform, deps.onPath);
    const wanted = [...hosts].filter((host) => host !== '' && (only === undefined || host === only)).sort().slice(0, MAX_HOSTS);
    const logins = new Map<string, Map<DoctorTool, Login | null>>();
    const unique = [...new Map(files.map((file) => [file.path, file])).values()];
    // Every `auths` entry of every file, by the host docker reads it for: the places that hold a login.
    const stored = new Map<string, { path: string; entry: unknown }[]>();
    for (const file of unique) {
      for (const [key, entry] of Object.entries(file.auths)) {
        const host = dockerAuthKey(key);
        stored.set(host, [...(stored.get(host) ?? []), { path: file.path, entry }]);
      }
    }

    const doctorHosts = await Promise.all(
      wanted.map(async (host): Promise<DoctorHost> => {
        const record = records.find((candidate) => { const own = registryHost(candidate); return own !== null && dockerAuthKey(own) === host; }) ?? null;
        const resolved = await Promise.all([
          dockerLogin(byTool('docker')[0]!, host, ask, environment, defaultStore),
          containersLogin(byTool('containers'), host === HUB ? 'docker.io' : host, ask),
          helmLogin(byTool('helm'), host, ask, defaultStore),
        ]);
        logins.set(host, new Map(resolved.map((one) => [one.answer.tool, one.login])));
        // Every place that holds a login for this host: the files' plain text, the answers, Registry Desk itself.
        const places: Login[] = [];
        const plainTextIn: string[] = [];
        for (const { path, entry } of stored.get(host) ?? []) {
          const login = entryLogin(entry, true);
          if (login) places.push(login);
          if (holdsPlainText(entry) && !plainTextIn.includes(path)) plainTextIn.push(path);
        }
        // The variable's entries for this host, used by docker or not: their passwords are plain text all the same.
        const inEnvironment = [...environmentEntries].filter(([key]) => dockerAuthKey(key) === host).map(([, entry]) => entry);
        for (const entry of inEnvironment) {
          const login = entryLogin(entry, false);
          if (login) places.push(login);
        }
        for (const one of resolved) if (one.login) places.push(one.login);
        const own = record ? await deps.registryLogin(record) : null;
        if (own) places.push(own);
        const numbers = new Map<string, number>();
        for (const login of places) if (!numbers.has(fingerprint(login))) numbers.set(fingerprint(login), numbers.size + 1);
        const now = deps.now().getTime();
        const answers = resolved.map(({ answer, login }): DoctorAnswer => {
          const expires = login ? tokenExpiry(login.secret) : null;
          return { ...answer, login: login ? numbers.get(fingerprint(login))! : null, expiresAt: expires ? expires.toISOString() : null };
        });
        const flags: DoctorFlag[] = [];
        if (plainTextIn.length > 0) flags.push('plainText');
        if (inEnvironment.some(holdsPlainText)) flags.push('plainTextInEnvironment');
        if (places.some((login) => { const expires = tokenExpiry(login.secret); return expires !== null && expires.getTime() <= now; })) flags.push('expiredToken');
        if (answers.some((answer) => answer.note === 'helperMissing')) flags.push('helperMissing');
        if (numbers.size > 1) flags.push('conflict');
        return { host, registryId: record?.id ?? null, registryName: record?.name ?? null, answers, flags, plainTextIn };
      }),
    );
    return {
      doctor: { hosts: doctorHosts, files: files.map(({ tool, path, exists, problem }) => ({ tool, path, exists, problem })), environment: environmentView(environment) },
      logins,
    };
  }

  return {
    /** Every host in the tools' files and in Registry Desk, with each tool's login. */
    doctor: async (): Promise<LoginDoctor> => (await run()).doctor,
    /** The login one tool would send to one host, secret included: for the connection test only, never for the window. */
    async loginFor(host: string, tool: DoctorTool): Promise<{ login: Login | null; record: RegistryRecord | null; answer: DoctorAnswer | null }> {
      const result = await run(host);
      const doctorHost = result.doctor.hosts.find((candidate) => candidate.host === host);
      const record = doctorHost?.registryId ? (deps.registries().find((candidate) => candidate.id === doctorHost.registryId) ?? null) : null;
      return { login: result.logins.get(host)?.get(tool) ?? null, record, answer: doctorHost?.answers.find((answer) => answer.tool === tool) ?? null };
    },
  };
}
