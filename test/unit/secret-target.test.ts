import { describe, expect, it } from 'vitest';
import { changedSecretTarget, secretHost, type SecretTargetSubject } from '../../shared/secret-target';

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
