import { describe, expect, it } from 'vitest';
import { defaultAccessSettings, type TargetScope } from '../../shared/access-settings';
import { changedSecretTarget, secretHost, type SecretTargetSubject } from '../../shared/secret-target';
import { accessChanges, MAX_ACCESS_CHANGES } from '../../main/registry-export/access-diff';

const quay: SecretTargetSubject = { type: 'quay', url: 'quay.io', username: 'acme+deployer' };

describe('the target a stored secret is bound to', () => {
  it.each<[string, string, string]>([
    ['quay.io', 'https://quay.io/', 'quay.io'],
    ['quay.io', 'quay.io/acme/team', 'quay.io'],
    ['Harbor.corp:8443', 'https://harbor.corp:8443/v2', 'harbor.corp:8443'],
  ])('%s and %s are the same host', (before, after, host) => {
    expect(secretHost(before)).toBe(host);
    expect(changedSecretTarget({ ...quay, url: before }, { ...quay, url: after })).toEqual([]);
  });

  it.each<[string, string]>([
    ['quay.io', 'quay.io.evil.example'],
    ['harbor.corp:8443', 'harbor.corp:9443'],
    ['harbor.corp:8443', 'http://harbor.corp:8443'],
    ['docker.io', 'index.docker.io'],
  ])('%s → %s is another host', (before, after) => {
    expect(changedSecretTarget({ ...quay, url: before }, { ...quay, url: after })).toEqual(['host']);
  });

  it('names every bound field that changed, and only those', () => {
    const harbor: SecretTargetSubject = { type: 'other', url: 'harbor.corp', username: 'robot', connection: 'secure' };
    expect(changedSecretTarget(harbor, { ...harbor, connection: 'secure-with-ca', caCertificate: 'PEM' })).toEqual(['connection', 'caCertificate']);
    expect(changedSecretTarget(quay, { ...harbor, url: 'http://10.0.0.5:5000', connection: 'insecure' })).toEqual(['host', 'type', 'username', 'connection']);
    expect(changedSecretTarget(quay, { ...quay, username: 'acme+other' })).toEqual(['username']);
    // Whitespace around a CA is no other CA.
    expect(changedSecretTarget({ ...harbor, caCertificate: 'PEM\n' }, { ...harbor, caCertificate: 'PEM' })).toEqual([]);
  });

  it("an AWS secret access key is bound to its access key id", () => {
    const ecr: SecretTargetSubject = { type: 'ecr', url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
    expect(changedSecretTarget(ecr, { ...ecr, accessKeyId: 'AKIAOTHERKEY0000000' })).toEqual(['username']);
    expect(changedSecretTarget(ecr, { ...ecr, url: '123456789012.dkr.ecr.us-east-1.amazonaws.com' })).toEqual(['host']);
  });
});

describe("the access diff of a settings file's registry", () => {
  const local = { ...defaultAccessSettings('Hub', 'reg_0123456789abcdef'), contexts: ['prod'] };

  it('lists each differing setting by its key path, both sides as text', () => {
    const file = { ...local, contexts: ['prod', 'staging'], contextScopes: { staging: { namespaces: { kind: 'list', names: ['apps'] }, serviceAccounts: { kind: 'none' } } as TargetScope } };
    expect(accessChanges(local, file)).toEqual({
      changes: [
        { path: 'contexts', before: 'prod', after: 'prod, staging' },
        { path: 'contextScopes.staging.namespaces.kind', before: '', after: 'list' },
        { path: 'contextScopes.staging.namespaces.names', before: '', after: 'apps' },
        { path: 'contextScopes.staging.serviceAccounts.kind', before: '', after: 'none' },
      ],
      more: 0,
    });
    expect(accessChanges(local, local)).toEqual({ changes: [], more: 0 });
    expect(accessChanges(local, undefined)).toEqual({ changes: [], more: 0 });
  });

  it('stays bounded for a hostile file: a few hundred rows, long lists cut with their count', () => {
    const contexts = Array.from({ length: 5000 }, (_, index) => `context-${index}`);
    const contextScopes = Object.fromEntries(contexts.map((context): [string, TargetScope] => [context, { namespaces: { kind: 'all', excluded: [] }, serviceAccounts: { kind: 'all' } }]));
    const { changes, more } = accessChanges(local, { ...local, contexts, contextScopes });
    expect(changes).toHaveLength(MAX_ACCESS_CHANGES);
    // Per context its namespace and ServiceAccount kinds (an empty exclusion list shows as nothing).
    expect(changes.length + more).toBe(1 + 5000 * 2);
    expect(changes[0]).toMatchObject({ path: 'contexts', before: 'prod' });
    expect(changes[0]!.after.length).toBeLessThan(400);
    expect(changes[0]!.after).toMatch(/… \(5000\)$/);
  });
});
