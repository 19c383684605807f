import type { RegistryRecord } from '../../shared/schemas';
import { parseRegistryUrl } from '../../shared/registry-url';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistryCatalogue } from '../registries';
import type { LoginToStore, StoreOutcome } from '../registry-import';
import type { SettingsRepository } from '../settings/settings-repository';
import { helperLogin, listedUsername, type HelperLoginDependencies } from './helper-login';
import { askedHost, listedServerUrl, registryForHost, registryHost } from './server-host';

/** What `docker login` and `docker logout` change: the settings file for writing, opened only for them. */
export interface HelperWriter {
  settings: SettingsRepository;
  registries: RegistryCatalogue;
  storeLogin(login: LoginToStore): Promise<StoreOutcome>;
}

export interface HelperActionsDependencies extends HelperLoginDependencies {
  /** Read-only: `get` and `list` never write settings (only the token cache, in the keychain). */
  settings: SettingsRepository;
  openWriter(): Promise<HelperWriter>;
  /** Whether the registry at host[:port] speaks plain HTTP only (docker fell back to HTTP for it). */
  speaksPlainHttpOnly(host: string, port: number | null): Promise<boolean>;
}

/** The credential-helpers protocol's four actions over Registry Desk's registries; null: no login for that host. */
export function createHelperActions(deps: HelperActionsDependencies) {
  const records = () => deps.settings.read().registries;

  async function get(serverUrl: string): Promise<{ ServerURL: string; Username: string; Secret: string } | null> {
    const record = registryForHost(records(), askedHost(serverUrl));
    if (!record) return null;
    const login = await helperLogin(record, deps);
    return { ServerURL: serverUrl, Username: login.username, Secret: login.secret };
  }

  function list(): Record<string, string> {
    const listed: Record<string, string> = {};
    const all = records();
    for (const record of all) {
      const host = registryHost(record);
      if (host === null || registryForHost(all, host) !== record) continue;
      listed[listedServerUrl(host)] = listedUsername(record);
    }
    return listed;
  }

  /**
   * docker passes `store` the host without its scheme, even for `docker login http://…`: a
   * registry it reached over plain HTTP is saved as Import saves an http:// login (an "Other"
   * registry, insecure), or Registry Desk would test it, and write it to clusters, as HTTPS.
   */
  async function serverKeyAsReached(serverKey: string): Promise<string> {
    const parsed = parseRegistryUrl(serverKey);
    if (typeof parsed === 'string' || parsed.scheme !== null || askedHost(serverKey) === 'docker.io') return serverKey;
    return (await deps.speaksPlainHttpOnly(parsed.host, parsed.port)) ? `http://${parsed.normalized}` : serverKey;
  }

  async function store(login: LoginToStore): Promise<StoreOutcome> {
    askedHost(login.serverKey);
    const serverKey = await serverKeyAsReached(login.serverKey);
    const writer = await deps.openWriter();
    const stored = await writer.storeLogin({ ...login, serverKey });
    if (stored.outcome === 'created') {
      writer.settings.update((file) => ({
        ...file,
        registries: file.registries.map((record) => (record.id === stored.registryId ? { ...record, addedBy: 'docker-login' as const } : record)),
      }));
    }
    return stored;
  }

  // Saved access settings reach clusters now or later ("all but these", "all clusters"): any of them keeps the registry.
  const hasAccessSettings = (record: RegistryRecord) => record.access !== undefined;

  /** Only what `docker login` added, and only while no cluster receives it; an unknown host is no error (as docker's own helpers). */
  async function erase(serverUrl: string): Promise<void> {
    const host = askedHost(serverUrl);
    const writer = await deps.openWriter();
    const record = registryForHost(writer.settings.read().registries, host);
    if (!record) return;
    const named = { name: record.name, server: record.url };
    if (record.addedBy !== 'docker-login') throw new AppFailure('helper.notAddedByLogin', named);
    if (hasAccessSettings(record)) throw new AppFailure('helper.hasAccessSettings', named);
    await writer.registries.remove(record.id);
  }

  return { get, list, store, erase };
}
export type HelperActions = ReturnType<typeof createHelperActions>;
