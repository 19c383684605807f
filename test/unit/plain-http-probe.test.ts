import { afterEach, describe, expect, it } from 'vitest';
import { speaksPlainHttpOnly } from '../../main/credential-helper/plain-http-probe';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

// How `store` tells a registry docker reached over plain HTTP (docker passes only host:port):
// no TLS on the port, and a registry's answer to /v2/ over HTTP. The real docker CLI case is
// test/integration/credential-helper-insecure-login.test.ts.

const servers: ListeningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

const challenge = (_request: unknown, response: import('node:http').ServerResponse) => {
  response.writeHead(401, { 'www-authenticate': 'Basic realm="test"', 'docker-distribution-api-version': 'registry/2.0' });
  response.end();
};

describe('speaksPlainHttpOnly', () => {
  it('is true for a registry on plain HTTP', async () => {
    const server = await listen(challenge);
    servers.push(server);
    expect(await speaksPlainHttpOnly('127.0.0.1', server.port)).toBe(true);
  });

  it('is false for a registry on TLS, even with a certificate no one trusts', async () => {
    const server = await listen(challenge, makeServerCertificate(makeCertificateAuthority(), { hosts: ['127.0.0.1'] }));
    servers.push(server);
    expect(await speaksPlainHttpOnly('127.0.0.1', server.port)).toBe(false);
  });

  it('is false for a plain HTTP server that is no registry, and for a closed port', async () => {
    const server = await listen((_request, response) => response.end('hello'));
    servers.push(server);
    expect(await speaksPlainHttpOnly('127.0.0.1', server.port)).toBe(false);
    const closed = await listen(challenge);
    await closed.stop();
    expect(await speaksPlainHttpOnly('127.0.0.1', closed.port)).toBe(false);
  });
});
