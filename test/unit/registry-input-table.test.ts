import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorText, isErrorCode } from '../../shared/i18n';
import type { RegistryInput } from '../../shared/schemas';
import { makeCertificateAuthority, makeServiceAccountKey } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';
import { createMemorySecretStore } from '../support/memory-secret-store';
import { createTestServices, type TestServices } from '../support/services';

const docker = (overrides: Partial<Extract<RegistryInput, { type: 'docker' }>> = {}): RegistryInput => ({
  type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password: 'token-1', ...overrides,
});
const ecr = (overrides: Partial<Extract<RegistryInput, { type: 'ecr' }>> = {}): RegistryInput => ({
  type: 'ecr', name: 'Prod ECR', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'user-auth',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ...overrides,
});
const gcr = (serviceAccountJson: string): RegistryInput => ({ type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson });
const other = (overrides: Partial<Extract<RegistryInput, { type: 'other' }>> = {}): RegistryInput => ({
  type: 'other', name: 'Harbor', url: 'harbor.example.com', username: 'robot', password: 'pw', connection: 'secure', ...overrides,
});
const key = (fields: Record<string, unknown>) => JSON.stringify({ type: 'service_account', client_email: 'a@b.iam', private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', ...fields });

interface BadInput { what: string; request: unknown; field: string; code: string }
const create = (input: unknown) => ({ input });

const ca = makeCertificateAuthority();

function table(): BadInput[] {
  const corruptCertificate = `-----BEGIN CERTIFICATE-----\n${Buffer.from('not a certificate at all').toString('base64')}\n-----END CERTIFICATE-----\n`;
  return [
    { what: 'empty name', request: create(docker({ name: '' })), field: 'name', code: 'name.required' },
    { what: 'blank name', request: create(docker({ name: '   ' })), field: 'name', code: 'name.required' },
    { what: 'name too long', request: create(docker({ name: 'x'.repeat(65) })), field: 'name', code: 'name.tooLong' },
    { what: 'name with control character', request: create(docker({ name: 'a\u0007b' })), field: 'name', code: 'name.controlCharacters' },
    { what: 'duplicate name, other case', request: create(docker({ name: 'EXISTING' })), field: 'name', code: 'name.duplicate' },
    { what: 'empty URL', request: create(docker({ url: '' })), field: 'url', code: 'url.required' },
    { what: 'URL with a space', request: create(docker({ url: 'docker .io' })), field: 'url', code: 'url.whitespace' },
    { what: 'ftp URL', request: create(docker({ url: 'ftp://registry.example.com' })), field: 'url', code: 'url.scheme' },
    { what: 'credentials in URL', request: create(docker({ url: 'https://u:p@registry.example.com' })), field: 'url', code: 'url.credentials' },
    { what: 'query in URL', request: create(docker({ url: 'registry.example.com?x=1' })), field: 'url', code: 'url.queryOrFragment' },
    { what: 'fragment in URL', request: create(docker({ url: 'registry.example.com#top' })), field: 'url', code: 'url.queryOrFragment' },
    { what: 'scheme only', request: create(docker({ url: 'https://' })), field: 'url', code: 'url.host' },
    { what: 'host starting with a dash', request: create(docker({ url: '-bad.example.com' })), field: 'url', code: 'url.host' },
    { what: 'port 0', request: create(docker({ url: 'registry.example.com:0' })), field: 'url', code: 'url.port' },
    { what: 'port too large', request: create(docker({ url: 'registry.example.com:70000' })), field: 'url', code: 'url.port' },
    { what: 'port not a number', request: create(docker({ url: 'registry.example.com:abc' })), field: 'url', code: 'url.port' },
    { what: 'encoded path', request: create(docker({ url: 'registry.example.com/a%20b' })), field: 'url', code: 'url.path' },
    { what: 'URL too long', request: create(docker({ url: `${'a'.repeat(520)}.com` })), field: 'url', code: 'url.tooLong' },
    { what: 'http for Docker', request: create(docker({ url: 'http://registry.example.com' })), field: 'url', code: 'url.httpNeedsInsecure' },
    { what: 'http for secure Other', request: create(other({ url: 'http://10.0.0.5:5000' })), field: 'url', code: 'url.httpNeedsInsecure' },
    { what: 'ECR with a Docker Hub URL', request: create(ecr({ url: 'docker.io' })), field: 'url', code: 'url.ecrFormat' },
    { what: 'ECR with an 11-digit account', request: create(ecr({ url: '12345678901.dkr.ecr.us-east-1.amazonaws.com' })), field: 'url', code: 'url.ecrFormat' },
    { what: 'ECR with a port', request: create(ecr({ url: '123456789012.dkr.ecr.us-east-1.amazonaws.com:443' })), field: 'url', code: 'url.ecrFormat' },
    { what: 'ECR with a path', request: create(ecr({ url: '123456789012.dkr.ecr.us-east-1.amazonaws.com/repo' })), field: 'url', code: 'url.ecrFormat' },
    { what: 'ECR over http', request: create(ecr({ url: 'http://123456789012.dkr.ecr.us-east-1.amazonaws.com' })), field: 'url', code: 'url.httpNeedsInsecure' },
    { what: 'ECR user auth without key id', request: create(ecr({ accessKeyId: '' })), field: 'accessKeyId', code: 'accessKeyId.required' },
    { what: 'ECR lower-case key id', request: create(ecr({ accessKeyId: 'akiaiosfodnn7example' })), field: 'accessKeyId', code: 'accessKeyId.format' },
    { what: 'ECR user auth without secret', request: create(ecr({ secretAccessKey: undefined })), field: 'secretAccessKey', code: 'secretAccessKey.required' },
    { what: 'ECR secret with trailing space', request: create(ecr({ secretAccessKey: 'abc ' })), field: 'secretAccessKey', code: 'secretAccessKey.surroundingWhitespace' },
    { what: 'ECR IAM role with key id', request: create(ecr({ authType: 'iam-role', secretAccessKey: undefined })), field: 'accessKeyId', code: 'accessKeyId.notWithIamRole' },
    { what: 'ECR IAM role with secret', request: create(ecr({ authType: 'iam-role', accessKeyId: undefined })), field: 'secretAccessKey', code: 'secretAccessKey.notWithIamRole' },
    { what: 'empty username', request: create(docker({ username: '' })), field: 'username', code: 'username.required' },
    { what: 'username with space', request: create(docker({ username: 'my user' })), field: 'username', code: 'username.whitespace' },
    { what: 'username with colon', request: create(docker({ username: 'a:b' })), field: 'username', code: 'username.colon' },
    { what: 'missing password', request: create(docker({ password: undefined })), field: 'password', code: 'password.required' },
    { what: 'password with leading space', request: create(docker({ password: ' secret' })), field: 'password', code: 'password.surroundingWhitespace' },
    { what: 'password with line break inside', request: create(docker({ password: 'sec\nret' })), field: 'password', code: 'password.controlCharacters' },
    { what: 'missing JSON key', request: create({ ...gcr(''), serviceAccountJson: undefined }), field: 'serviceAccountJson', code: 'serviceAccountJson.required' },
    { what: 'JSON key not JSON', request: create(gcr('this is not json')), field: 'serviceAccountJson', code: 'serviceAccountJson.notJson' },
    { what: 'JSON key is an array', request: create(gcr('[1,2,3]')), field: 'serviceAccountJson', code: 'serviceAccountJson.notObject' },
    { what: 'user credential instead of key', request: create(gcr('{"type":"authorized_user","client_id":"x"}')), field: 'serviceAccountJson', code: 'serviceAccountJson.userCredential' },
    { what: 'JSON without type', request: create(gcr('{"client_email":"a@b"}')), field: 'serviceAccountJson', code: 'serviceAccountJson.notServiceAccount' },
    { what: 'JSON key without client_email', request: create(gcr(key({ client_email: undefined }))), field: 'serviceAccountJson', code: 'serviceAccountJson.clientEmail' },
    { what: 'JSON key without private_key', request: create(gcr(key({ private_key: undefined }))), field: 'serviceAccountJson', code: 'serviceAccountJson.privateKey' },
    { what: 'JSON key with a broken private key', request: create(gcr(key({}))), field: 'serviceAccountJson', code: 'serviceAccountJson.privateKeyUnreadable' },
    { what: 'JSON key over 64 KiB', request: create(gcr(key({ padding: 'x'.repeat(70_000) }))), field: 'serviceAccountJson', code: 'serviceAccountJson.tooLarge' },
    { what: 'CA mode without CA', request: create(other({ connection: 'secure-with-ca' })), field: 'caCertificate', code: 'caCertificate.required' },
    { what: 'CA given in secure mode', request: create(other({ caCertificate: ca.certificate })), field: 'caCertificate', code: 'caCertificate.notWithMode' },
    { what: 'CA that is not PEM', request: create(other({ connection: 'secure-with-ca', caCertificate: 'hello' })), field: 'caCertificate', code: 'caCertificate.notPem' },
    { what: 'private key as CA', request: create(other({ connection: 'secure-with-ca', caCertificate: ca.privateKey })), field: 'caCertificate', code: 'caCertificate.privateKey' },
    { what: 'public key as CA', request: create(other({ connection: 'secure-with-ca', caCertificate: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' })), field: 'caCertificate', code: 'caCertificate.notCertificate' },
    { what: 'corrupt certificate', request: create(other({ connection: 'secure-with-ca', caCertificate: corruptCertificate })), field: 'caCertificate', code: 'caCertificate.unreadable' },
    { what: 'unknown registry type', request: create({ ...docker(), type: 'harbor' }), field: 'type', code: 'field.invalidChoice' },
    { what: 'unknown field', request: create({ ...docker(), token: 'x' }), field: 'token', code: 'field.unknown' },
    { what: 'name of the wrong type', request: create({ ...docker(), name: 42 }), field: 'name', code: 'field.invalidType' },
    { what: 'oversize name string', request: create(docker({ name: 'n'.repeat(10_000) })), field: 'name', code: 'field.tooLong' },
    { what: 'unknown ECR auth type', request: create({ ...ecr(), authType: 'root' }), field: 'authType', code: 'field.invalidChoice' },
    { what: 'unknown connection mode', request: create({ ...other(), connection: 'yolo' }), field: 'connection', code: 'field.invalidChoice' },
    { what: 'default flag as text', request: create({ ...docker(), isDefault: 'yes' }), field: 'isDefault', code: 'field.invalidType' },
    { what: 'prototype pollution key', request: create(JSON.parse(`{"type":"docker","name":"p","url":"docker.io","username":"u","password":"p","__proto__":{"admin":true}}`)), field: '__proto__', code: 'field.unknown' },
  ];
}

describe('bad registry input is rejected with the right field and message, and nothing is stored', () => {
  let fixture: TestServices;
  let client: ReturnType<typeof createIpcClient>;
  const secrets = createMemorySecretStore();

  beforeAll(async () => {
    fixture = await createTestServices({ dataDir: mkdtempSync(join(tmpdir(), 'rd-table-')), keychainService: 'unused', secrets });
    client = createIpcClient(fixture.services, { info() {}, warn() {}, error() {} });
    const existing = await client.invoke('registries:create', { input: docker({ name: 'Existing' }) });
    expect(existing.ok).toBe(true);
  });

  it('has at least 40 cases', () => {
    expect(table().length).toBeGreaterThanOrEqual(40);
  });

  it.each(table().map((row) => [row.what, row] as const))('%s', async (_what, row) => {
    const before = existsSync(fixture.settingsFile) ? readFileSync(fixture.settingsFile, 'utf8') : '';
    const secretsBefore = [...secrets.entries.keys()];
    const result = await client.call('registries:create', row.request);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = (result.error.fieldErrors ?? []).map((error) => `${error.field}:${error.code}`);
    expect(fields).toContain(`${row.field}:${row.code}`);
    expect(isErrorCode(row.code)).toBe(true);
    expect(errorText('en', row.code)).not.toBe(row.code);
    expect(errorText('zh-CN', row.code)).not.toBe(errorText('en', row.code));
    expect(readFileSync(fixture.settingsFile, 'utf8')).toBe(before);
    expect([...secrets.entries.keys()]).toEqual(secretsBefore);
  });

  it('a real key passes where the broken one failed, proving the table tests the rule', async () => {
    const result = await client.invoke('registries:create', { input: gcr(makeServiceAccountKey()) });
    expect(result.ok).toBe(true);
  });
});
