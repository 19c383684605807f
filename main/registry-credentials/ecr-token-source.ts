import { ECRClient, GetAuthorizationTokenCommand, type ECRClientConfig } from '@aws-sdk/client-ecr';
import { AppFailure } from '../app-errors/app-failure';
import { createAwsHttpHandler } from './aws-http-handler';
import { ecrFailure } from './ecr-failure';
import { AWS_CUSTOM_USER_AGENT } from '../registry-http/user-agent';

export interface AwsAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EcrTokenRequest {
  region: string;
  /** Absent: the SDK's default chain (environment, shared config/profile, SSO, instance role). */
  accessKey?: AwsAccessKey;
  signal?: AbortSignal;
}

/** A decoded GetAuthorizationToken answer: `docker login -u AWS -p <password> <proxyEndpoint>`. */
export interface EcrToken {
  username: string;
  password: string;
  expiresAt: string;
  proxyEndpoint: string;
}

export interface EcrTokenSource {
  fetchToken(request: EcrTokenRequest): Promise<EcrToken>;
}

export type EcrClientFactory = (config: ECRClientConfig) => ECRClient;

export interface EcrTokenSourceOptions {
  /** Where GetAuthorizationToken is sent; absent means AWS's regional endpoint. Tests point it at a local server. */
  endpoint?: string;
  timeoutMs?: number;
  clientFor?: EcrClientFactory;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read for the ECR API; absent means process.env. */
  proxyEnv?: Record<string, string | undefined>;
}

function decodeToken(authorizationToken: string): { username: string; password: string } {
  const decoded = Buffer.from(authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new AppFailure('aws.malformedToken');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function createEcrTokenSource(options: EcrTokenSourceOptions = {}): EcrTokenSource {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clientFor = options.clientFor ?? ((config) => new ECRClient(config));

  return {
    async fetchToken({ region, accessKey, signal }) {
      const client = clientFor({
        region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(accessKey ? { credentials: accessKey } : {}),
        maxAttempts: 2,
        customUserAgent: AWS_CUSTOM_USER_AGENT,
        requestHandler: createAwsHttpHandler({ timeoutMs, proxyEnv: options.proxyEnv ?? process.env }),
      });
      try {
        const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: signal });
        const data = answer.authorizationData?.[0];
        if (!data?.authorizationToken || !data.proxyEndpoint) throw new AppFailure('aws.malformedToken');
        return {
          ...decodeToken(data.authorizationToken),
          expiresAt: (data.expiresAt ?? new Date(Date.now() + 12 * 3600_000)).toISOString(),
          proxyEndpoint: data.proxyEndpoint,
        };
      } catch (error) {
        throw ecrFailure(error, region);
      } finally {
        client.destroy();
      }
    },
  };
}
