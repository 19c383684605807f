import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/logging/file-logger';
import { createRedactor, REDACTED } from '../../main/logging/redaction';
import { rememberSecrets } from '../../main/logging/remembered-secrets';
import { openRotatingLogFile } from '../../main/logging/rotating-log-file';
import { createMemorySecretStore } from '../support/memory-secret-store';

const clock = { now: () => new Date('2026-01-02T03:04:05Z') };

describe('redaction by pattern: secrets the process never saw', () => {
  const redactor = createRedactor();
  const cases: [string, string, string][] = [
    ['Authorization header', 'GET /v2/ Authorization: Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy'],
    ['authorization field in JSON', '{"headers":{"authorization":"Bearer abc.def.ghi"}}', 'abc.def.ghi'],
    ['bearer token in a message', 'retrying with Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'eyJhbGciOiJSUzI1NiJ9'],
    ['AWS secret access key', 'key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY used', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['aws_secret_access_key= line', 'aws_secret_access_key=abc123', 'abc123'],
    ['password field in JSON', '{"username":"octo","password":"hunter2"}', 'hunter2'],
    ['password field inside a JSON string', '{"body":"{\\"password\\":\\"hunter2\\"}"}', 'hunter2'],
    ['dockerconfigjson auth', '{"auths":{"r.example":{"auth":"b2N0bzpodW50ZXIy"}}}', 'b2N0bzpodW50ZXIy'],
    ['password in a URL', 'cloning https://octo:hunter2@git.example/x', 'hunter2'],
    ['password in a query string', 'POST /token?grant_type=password&password=hunter2&x=1', 'hunter2'],
    [
      'PEM private key, JSON-escaped',
      '{"key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
    ],
    ['RSA private key cut off before its END line', 'key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA', 'MIIEowIBAAKCAQEA'],
  ];

  it.each(cases)('%s', (_what, text, secret) => {
    const redacted = redactor.redact(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain(REDACTED);
  });

  it('leaves ordinary text alone: identifiers, hashes, words after "Basic"', () => {
    const text =
      'registry reg_0123456789abcdef created; digest sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709; Basic authentication required; WWW-Authenticate: Basic realm="r"';
    expect(redactor.redact(text)).toBe(text);
  });
});

describe('redaction of remembered values', () => {
  it('removes a remembered secret however it is quoted, and short ones only as whole tokens', () => {
    const redactor = createRedactor();
    redactor.remember('s3cr"et\\value-long');
    redactor.remember('pw1');
    const line = JSON.stringify({ message: 'login with s3cr"et\\value-long', nested: JSON.stringify({ p: 's3cr"et\\value-long' }), short: 'pw1', word: 'upw1x' });
    const redacted = redactor.redact(line);
    expect(redacted).not.toContain('value-long');
    expect(redacted).toContain('"short":"[redacted]"');
    expect(redacted).toContain('upw1x');
  });
});

describe('the keychain as seen by the redactor', () => {
  it('registers every secret written to or read from it', async () => {
    const store = createMemorySecretStore();
    await store.set('reg_b/password', 'read-back-secret-1');
    const redactor = createRedactor();
    const keychain = rememberSecrets(store, redactor);
    await keychain.set('reg_a/password', 'written-secret-1');
    expect(await keychain.get('reg_b/password')).toBe('read-back-secret-1');
    expect(await keychain.get('reg_c/password')).toBeNull();
    expect(redactor.redact('written-secret-1 read-back-secret-1')).toBe(`${REDACTED} ${REDACTED}`);
    expect(store.entries.get('reg_a/password')).toBe('written-secret-1');
  });
});

describe('the rotating log file', () => {
  it('rotates at the size limit and keeps only the newest generations', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'rd-log-')), 'logs');
    const file = openRotatingLogFile({ folder, maxBytes: 200, keep: 3 });
    for (let index = 0; index < 40; index += 1) file.append(`line ${String(index).padStart(3, '0')} ${'x'.repeat(40)}`);
    expect(readdirSync(folder).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const name of readdirSync(folder)) expect(statSync(join(folder, name)).size).toBeLessThanOrEqual(200);
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toContain('line 039');
    expect(readFileSync(join(folder, 'main.2.log'), 'utf8')).not.toContain('line 000');
    expect(statSync(join(folder, 'main.log')).mode & 0o077).toBe(0);
  });

  it('continues the current file after a restart instead of truncating it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rd-log-'));
    openRotatingLogFile({ folder }).append('first run');
    openRotatingLogFile({ folder }).append('second run');
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toBe('first run\nsecond run\n');
  });
});

describe('the file logger', () => {
  it('writes one redacted JSON line per entry, with time and level', () => {
    const folder = mkdtempSync(join(tmpdir(), 'rd-log-'));
    const redactor = createRedactor();
    redactor.remember('correct-horse-battery');
    const logger = createFileLogger({ file: openRotatingLogFile({ folder }), redactor, clock });
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    logger.info('saved', { id: 'reg_1', note: 'pw correct-horse-battery', cycle, big: 10n, failure: new Error('x') });
    logger.warn('token', { password: 'other-secret' });
    const lines = readFileSync(join(folder, 'main.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      level: 'info',
      message: 'saved',
      id: 'reg_1',
      note: `pw ${REDACTED}`,
      cycle: { name: 'loop', self: '[cycle]' },
      big: '10',
      failure: { name: 'Error', message: 'x' },
    });
    expect(lines[1]).toMatchObject({ level: 'warn', password: REDACTED });
  });
});
