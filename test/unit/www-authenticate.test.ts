import { describe, expect, it } from 'vitest';
import { registryEndpoint } from '../../main/registry-http/registry-endpoint';
import { parseWwwAuthenticate } from '../../main/registry-http/www-authenticate';

describe('WWW-Authenticate challenges', () => {
  it('reads a Bearer challenge with realm, service and a scope holding commas', () => {
    const header = 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push"';
    expect(parseWwwAuthenticate(header)).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull,push' },
      },
    ]);
  });

  it('reads Basic, unquoted values, odd spacing and escaped quotes', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry \\"prod\\""')).toEqual([{ scheme: 'basic', params: { realm: 'Registry "prod"' } }]);
    expect(parseWwwAuthenticate('bearer  Realm = https://ghcr.io/token , service=ghcr.io')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io' } },
    ]);
  });

  it('splits several challenges in one header', () => {
    const header = 'Negotiate, Basic realm="corp", Bearer realm="https://t.example/token",service="reg"';
    expect(parseWwwAuthenticate(header).map((challenge) => challenge.scheme)).toEqual(['negotiate', 'basic', 'bearer']);
    expect(parseWwwAuthenticate(header)[2]!.params).toEqual({ realm: 'https://t.example/token', service: 'reg' });
  });

  it('gives nothing for an absent or empty header', () => {
    expect(parseWwwAuthenticate(null)).toEqual([]);
    expect(parseWwwAuthenticate('  ')).toEqual([]);
  });
});

describe('the /v2/ endpoint of a registry URL', () => {
  it.each([
    ['docker.io', 'https://registry-1.docker.io/v2/'],
    ['index.docker.io', 'https://registry-1.docker.io/v2/'],
    ['https://index.docker.io', 'https://registry-1.docker.io/v2/'],
    ['quay.io', 'https://quay.io/v2/'],
    ['harbor.corp:8443/project', 'https://harbor.corp:8443/v2/'],
    ['http://10.0.0.5:5000', 'http://10.0.0.5:5000/v2/'],
    ['https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/'],
    ['europe-docker.pkg.dev/my-project/images', 'https://europe-docker.pkg.dev/v2/'],
  ])('%s → %s', (url, endpoint) => {
    expect(registryEndpoint(url).href).toBe(endpoint);
  });
});
