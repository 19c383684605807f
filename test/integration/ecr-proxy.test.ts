import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcrTokenSource } from '../../main/registry-credentials/ecr-token-source';
import { createConnectionServices } from '../registry-servers/connection-services';
import { startConnectProxy, type RunningConnectProxy } from '../registry-servers/connect-proxy';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { closedPort } from '../support/closed-port';

// Behind a corporate proxy the ECR API must be reached the way registries are: through the proxy
// the variables name, unless NO_PROXY exempts it. The local ECR API speaks plain HTTP, so
// HTTP_PROXY is the variable that applies to it, and the proxy forwards its requests.
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const KEYS = { accessKeyId: 'AKIAREGISTRYDESKPRXY', secretAccessKey: randomBytes(30).toString('base64') };

let ecrApi: RunningEcrEndpoint;
let proxy: RunningConnectProxy;
let ecrAddress: string;
const issued: string[] = [];

beforeAll(async () => {
  ecrApi = await startEcrEndpoint({
    region: REGION,
    accountId: ACCOUNT,
    identities: [{ ...KEYS, arn: `arn:aws:iam::${ACCOUNT}:user/puller`, allowed: true }],
    onIssue: async (password) => {
      issued.push(password);
    },
  });
  proxy = await startConnectProxy();
  ecrAddress = new URL(ecrApi.endpoint).host;
});

afterAll(async () => {
  await Promise.all([ecrApi?.stop(), proxy?.stop()]);
});

const proxied = () => ({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });

describe('GetAuthorizationToken behind a proxy', () => {
  it('goes through the proxy, and AWS still verifies the signature', async () => {
    const visitsBefore = proxy.destinations().length;
    const apiBefore = ecrApi.requests().length;
    const token = await createEcrTokenSource({ endpoint: ecrApi.endpoint, proxyEnv: proxied() }).fetchToken({ region: REGION, accessKey: KEYS });
    expect(token).toMatchObject({ username: 'AWS', proxyEndpoint: `https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com` });
    expect(token.password).toBe(issued.at(-1));
    expect(proxy.destinations().slice(visitsBefore)).toEqual([ecrAddress]);
    expect(ecrApi.requests().slice(apiBefore)).toEqual([
      { target: 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken', accessKeyId: KEYS.accessKeyId, status: 200 },
    ]);
  });

  it('reports a wrong secret access key through the proxy as AWS does', async () => {
    const visitsBefore = proxy.destinations().length;
    const source = createEcrTokenSource({ endpoint: ecrApi.endpoint, proxyEnv: proxied() });
    const refused = source.fetchToken({ region: REGION, accessKey: { ...KEYS, secretAccessKey: `${KEYS.secretAccessKey}x` } });
    await expect(refused).rejects.toMatchObject({ appError: { code: 'aws.wrongSecret' } });
    expect(proxy.destinations().slice(visitsBefore)).toEqual([ecrAddress]);
  });

  it('goes direct when NO_PROXY covers the endpoint', async () => {
    const tunnels = proxy.destinations();
    const apiBefore = ecrApi.requests().length;
    const source = createEcrTokenSource({ endpoint: ecrApi.endpoint, proxyEnv: { ...proxied(), NO_PROXY: '127.0.0.1' } });
    expect(await source.fetchToken({ region: REGION, accessKey: KEYS })).toMatchObject({ username: 'AWS' });
    expect(ecrApi.requests().slice(apiBefore).map((line) => line.status)).toEqual([200]);
    expect(proxy.destinations()).toEqual(tunnels);
  });

  it.each([
    ['forwards the request (http)', 'http'],
    ['cannot open the tunnel (https)', 'https'],
  ])('says the ECR API is unreachable when the proxy %s and gets no answer', async (_what, scheme) => {
    const closed = `127.0.0.1:${await closedPort()}`;
    const source = createEcrTokenSource({ endpoint: `${scheme}://${closed}`, proxyEnv: proxied() });
    const failed = source.fetchToken({ region: REGION, accessKey: KEYS });
    await expect(failed).rejects.toMatchObject({ appError: { code: 'aws.unreachable', params: { region: REGION, detail: expect.stringContaining('502') } } });
    expect(proxy.destinations()).toContain(closed);
  });

  it('uses the proxy variables the app was composed with, for the logins pull secrets are made from', async () => {
    const app = await createConnectionServices({ ecrEndpoint: ecrApi.endpoint, network: { proxyEnv: proxied() } });
    try {
      const visitsBefore = proxy.destinations().length;
      const saved = await app.services.registries.create({
        type: 'ecr',
        name: 'ecr behind the proxy',
        url: `https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`,
        authType: 'user-auth',
        ...KEYS,
      });
      const login = await app.services.registryLogins.forRegistry(saved.id);
      expect(login).toMatchObject({ type: 'ecr', username: 'AWS', password: issued.at(-1) });
      expect(proxy.destinations().slice(visitsBefore)).toEqual([ecrAddress]);
    } finally {
      await app.close();
    }
  });
});
