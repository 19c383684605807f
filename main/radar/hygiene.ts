// Hygiene findings: pull secrets named but missing, pull secrets nobody names, two secrets for one
// registry with different logins in one namespace — another user, or the same user with another
// password (kubelet tries them in the order listed: the first wins) — ServiceAccounts naming a
// secret kubelet ignores, and the same login holding different passwords in different clusters.
// Passwords are told apart by a keyed hash whose key never leaves the process.
import { createHmac, randomBytes } from 'node:crypto';
import type { HygieneFinding } from '../../shared/radar-contract';
import { keyringKey } from '../pull-secrets/kubelet-keyring';
import { isPullType, keyOf, type Inventory } from './inventory';

type Finding = HygieneFinding;

function missingAndWrongType(context: string, inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  const namers = new Map<string, string[]>();
  // Appended in place: one secret named by thousands of workloads must not be copied per name.
  const name = (namespace: string, secret: string, by: string) => {
    const key = keyOf(namespace, secret);
    const list = namers.get(key);
    if (list) list.push(by);
    else namers.set(key, [by]);
  };
  for (const [key, secrets] of inventory.accounts) {
    const [namespace = '', account = ''] = key.split('/');
    for (const secret of secrets) name(namespace, secret, `ServiceAccount/${account}`);
  }
  for (const workload of inventory.workloads) for (const secret of workload.pullSecrets) name(workload.namespace, secret, `${workload.kind}/${workload.name}`);
  for (const [key, by] of namers) {
    const [namespace = '', secret = ''] = key.split('/');
    if (!inventory.secretsRead(namespace)) continue;
    const found = inventory.secrets.get(key);
    const names = [...new Set(by)].slice(0, 5).join(', ');
    if (!found) findings.push({ code: 'missing', tone: 'fail', context, namespace, params: { secret, by: names } });
    else if (!isPullType(found.type)) findings.push({ code: 'wrongType', tone: 'fail', context, namespace, params: { secret, type: found.type || 'Opaque', by: names } });
  }
  return findings;
}

function unusedAndUnparsable(context: string, inventory: Inventory): Finding[] {
  return inventory.pullSecrets.flatMap(({ row, reading }): Finding[] => [
    ...(row.referencedBy.length === 0 && inventory.referencesRead(row.namespace) ? [{ code: 'unused' as const, tone: 'info' as const, context, namespace: row.namespace, params: { secret: row.name } }] : []),
    ...(reading.state === 'unparsable' ? [{ code: 'unparsable' as const, tone: 'fail' as const, context, namespace: row.namespace, params: { secret: row.name, detail: reading.detail } }] : []),
  ]);
}

/** Keyed hashes of passwords, one per distinct password, under a key made for this comparison alone. */
function createSeal(): (password: string) => string {
  const key = randomBytes(32);
  const seals = new Map<string, string>();
  return (password) => {
    let value = seals.get(password);
    if (value === undefined) seals.set(password, (value = createHmac('sha256', key).update(password).digest('hex')));
    return value;
  };
}

/**
 * Per namespace and registry key: secrets whose logins differ — another user, or the same user
 * with another password (the one kubelet tries first may be the stale one). The winner is the
 * first a workload lists. A user's passwords are numbered (`alice #1`, `alice #2`), never shown.
 */
function conflicts(context: string, inventory: Inventory): Finding[] {
  const seal = createSeal();
  const byKey = new Map<string, Map<string, { username: string; sealed: string }>>();
  for (const { row, reading } of inventory.pullSecrets) {
    if (reading.state !== 'usable') continue;
    for (const entry of reading.entries) {
      const key = `${row.namespace}\u0000${keyringKey(entry.key) ?? entry.key}`;
      const secrets = byKey.get(key) ?? new Map<string, { username: string; sealed: string }>();
      secrets.set(row.name, { username: entry.username, sealed: seal(entry.password) });
      byKey.set(key, secrets);
    }
  }
  const findings: Finding[] = [];
  for (const [key, secrets] of byKey) {
    const logins = [...secrets.values()];
    if (new Set(logins.map((login) => `${login.username}\u0000${login.sealed}`)).size < 2) continue;
    const [namespace = '', registry = ''] = key.split('\u0000');
    const lister = inventory.workloads.find((workload) => workload.namespace === namespace && workload.pullSecrets.filter((name) => secrets.has(name)).length > 1);
    const winner = lister?.pullSecrets.find((name) => secrets.has(name));
    const listed = [...secrets].map(([secret, login]) => `${secret} (${nameOf(login, logins)})`).join(', ');
    findings.push({ code: 'conflict', tone: 'warn', context, namespace, params: { registry, secrets: listed, winner: winner ?? '—', by: lister ? `${lister.kind}/${lister.name}` : '—' } });
  }
  return findings;
}

/** The user, numbered by password where one user holds several here. */
function nameOf(login: { username: string; sealed: string }, all: { username: string; sealed: string }[]): string {
  const passwords = [...new Set(all.filter((other) => other.username === login.username).map((other) => other.sealed))];
  return passwords.length < 2 ? login.username : `${login.username} #${passwords.indexOf(login.sealed) + 1}`;
}

export function contextFindings(context: string, inventory: Inventory): Finding[] {
  return [...missingAndWrongType(context, inventory), ...unusedAndUnparsable(context, inventory), ...conflicts(context, inventory)];
}

/** The same (registry, user) with different passwords across clusters: one copy is stale. */
export function staleCopies(fleet: { context: string; inventory: Inventory }[]): Finding[] {
  // One HMAC per distinct password, not per copy of it.
  const seal = createSeal();
  const logins = new Map<string, Map<string, { context: string; namespace: string; secret: string }[]>>();
  for (const { context, inventory } of fleet) {
    for (const { item, reading } of inventory.pullSecrets) {
      if (reading.state !== 'usable') continue;
      for (const entry of reading.entries) {
        const login = `${keyringKey(entry.key) ?? entry.key}\u0000${entry.username}`;
        const versions = logins.get(login) ?? new Map();
        const sealed = seal(entry.password);
        const place = { context, namespace: item.namespace, secret: item.name };
        // Appended in place: one login copied into thousands of namespaces must not be copied per place.
        const copies = versions.get(sealed);
        if (copies) copies.push(place);
        else versions.set(sealed, [place]);
        logins.set(login, versions);
      }
    }
  }
  const findings: Finding[] = [];
  for (const [login, versions] of logins) {
    const places = [...versions.values()];
    if (places.length < 2 || new Set(places.flat().map((place) => place.context)).size < 2) continue;
    const [registry = '', username = ''] = login.split('\u0000');
    const groups = places.map((group) => group.map((place) => `${place.context}/${place.namespace}/${place.secret}`).join(', ')).join(' | ');
    const first = places[0]![0]!;
    findings.push({ code: 'staleCopy', tone: 'warn', context: first.context, namespace: first.namespace, params: { registry, username, versions: places.length, groups }, places: places.flat() });
  }
  return findings;
}
