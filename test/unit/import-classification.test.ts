import { describe, expect, it } from 'vitest';
import { decodeAuth } from '../../main/registry-import/auth-file';
import { classifyLogin, loginIdentity } from '../../main/registry-import/classify-login';
import { parseJsonText } from '../../main/app-errors/json-text';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('host → registry type', () => {
  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'AWS', { type: 'ecr', url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', notice: 'ecrToken', ecr: { accountId: '123456789012', region: 'eu-west-1' } }],
    ['https://123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com', 'AWS', { type: 'ecr', ecr: { accountId: '123456789012', region: 'us-gov-west-1' } }],
    ['210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn', 'AWS', { type: 'ecr', ecr: { accountId: '210987654321', region: 'cn-north-1' } }],
    ['acme.azurecr.io', 'acme', { type: 'azure', url: 'acme.azurecr.io' }],
    ['https://acme.azurecr.io/', 'acme', { type: 'azure', url: 'acme.azurecr.io' }],
    ['europe-docker.pkg.dev', '_json_key', { type: 'artifact-registry', notice: 'googleJsonKey', importedUsername: '_json_key' }],
    ['us-central1-docker.pkg.dev', 'oauth2accesstoken', { type: 'artifact-registry', notice: 'googleAccessToken', importedUsername: '_json_key' }],
    ['gcr.io', '_json_key', { type: 'gcr', notice: 'googleJsonKey' }],
    ['eu.gcr.io', '_dcgcloud_token', { type: 'gcr', notice: 'googleAccessToken' }],
    ['quay.io', 'org+robot', { type: 'quay', url: 'quay.io', importedUsername: 'org+robot' }],
    ['quay.io/team', 'org+robot', { type: 'quay', url: 'quay.io/team' }],
    ['https://index.docker.io/v1/', 'octo', { type: 'docker', url: 'docker.io' }],
    ['docker.io', 'octo', { type: 'docker', url: 'docker.io' }],
    ['registry-1.docker.io', 'octo', { type: 'docker', url: 'docker.io' }],
    ['index.docker.io', 'octo', { type: 'docker', url: 'docker.io' }],
    ['registry.hub.docker.com', 'octo', { type: 'docker', url: 'docker.io' }],
    ['docker.io:5000', 'octo', { type: 'other', url: 'docker.io:5000' }],
    ['ghcr.io', 'octo', { type: 'other', url: 'ghcr.io', insecure: false }],
    ['https://harbor.corp:8443/v2/', 'robot', { type: 'other', url: 'harbor.corp:8443' }],
    ['http://10.0.0.5:5000', 'u', { type: 'other', url: 'http://10.0.0.5:5000', insecure: true }],
    ['notquay.io', 'u', { type: 'other' }],
    ['azurecr.io.evil.example', 'u', { type: 'other' }],
  ])('%s (%s)', (serverKey, username, expected) => {
    expect(classifyLogin(serverKey, username)).toMatchObject(expected);
  });

  it.each(['not a host', 'ftp://example.com', 'user:pw@example.com', ''])('%j is no registry address', (serverKey) => {
    expect(classifyLogin(serverKey, 'u')).toBeNull();
  });

  it('treats spellings of one host and user as the same login', () => {
    expect(loginIdentity('https://harbor.corp:8443', 'robot')).toBe(loginIdentity('harbor.corp:8443', 'robot'));
    expect(loginIdentity('docker.io', 'octo')).toBe(loginIdentity('https://index.docker.io/v1', 'octo'));
    expect(loginIdentity('harbor.corp:8443', 'robot')).not.toBe(loginIdentity('harbor.corp:8443', 'other'));
    expect(loginIdentity('quay.io/a', 'r')).not.toBe(loginIdentity('quay.io/b', 'r'));
  });
});

describe('auth: base64 of user:password', () => {
  it.each([
    [b64('user:pass'), { username: 'user', password: 'pass' }],
    [b64('user:pa:ss'), { username: 'user', password: 'pa:ss' }],
    [b64('org+robot:R0B0T+/=').replace(/=+$/, ''), { username: 'org+robot', password: 'R0B0T+/=' }],
    [` ${b64('ユーザー:密码')}\n`, { username: 'ユーザー', password: '密码' }],
  ])('%s decodes', (auth, expected) => {
    expect(decodeAuth(auth)).toEqual(expected);
  });

  it.each([['not base64!'], [b64('useronly')], [b64(':nouser')], [b64('nopass:')], ['YQ'], [Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')], ['abcde']])('%j is refused', (auth) => {
    expect(decodeAuth(auth)).toBeNull();
  });
});

describe('JSON errors say where, never what', () => {
  it.each([
    ['{"auths": {"a": {"auth": "SECRETVALUE"}} "x": 1}', /^line 1, column \d+$/],
    ['{"auths": SECRETVALUE}', /^(line \d+, column \d+|it ends too early or has an unexpected character)$/],
    ['{\n  "auths": {\n    "a": {"password": "SECRETVALUE",}\n  }\n}', /^line 3, column \d+$/],
    ['', /^the text is empty$/],
  ])('%j', (text, detail) => {
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.detail).toMatch(detail);
    expect(parsed.detail).not.toContain('SECRET');
  });
});
