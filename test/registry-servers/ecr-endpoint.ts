import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody } from './http-server';

/** An IAM identity the endpoint knows; `allowed` says whether a policy grants ecr:GetAuthorizationToken. */
export interface EcrIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  arn: string;
  allowed: boolean;
}

export interface EcrEndpointOptions {
  region: string;
  accountId: string;
  identities: EcrIdentity[];
  /** Called with each password issued, so the registry can be told to accept user AWS with it. */
  onIssue(password: string): Promise<void>;
}

export interface EcrRequestLogLine {
  target: string;
  accessKeyId: string | null;
  status: number;
  error?: string;
}

export interface RunningEcrEndpoint {
  endpoint: string;
  proxyEndpoint: string;
  requests(): EcrRequestLogLine[];
  stop(): Promise<void>;
}

const TARGET = 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken';
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const SKEW_MS = 15 * 60_000;

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
}

/** SigV4 as AWS computes it: canonical request, string to sign, the date/region/service key chain. */
function expectedSignature(request: IncomingMessage, body: string, scope: string[], signedHeaders: string, secret: string): string {
  const [date, region, service] = scope as [string, string, string];
  const url = new URL(request.url ?? '/', 'http://ecr');
  const canonicalHeaders = signedHeaders.split(';').map((name) => `${name}:${header(request, name)}\n`).join('');
  const payloadHash = header(request, 'x-amz-content-sha256') || sha256(body);
  const query = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const canonical = [request.method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', header(request, 'x-amz-date'), `${date}/${region}/${service}/aws4_request`, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function amzDateMs(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return match ? Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) : Number.NaN;
}

/** The checks AWS makes, in its order, with its error types and messages. */
function authenticate(request: IncomingMessage, body: string, options: EcrEndpointOptions): EcrIdentity {
  const match = AUTHORIZATION.exec(header(request, 'authorization'));
  if (!match) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  const identity = options.identities.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!identity) throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (region !== options.region) {
    throw new AwsError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'. `);
  }
  if (service !== 'ecr') throw new AwsError('InvalidSignatureException', "Credential should be scoped to correct service: 'ecr'. ");
  if (!signedHeaders!.split(';').includes('host')) throw new AwsError('InvalidSignatureException', "'Host' must be a signed header.");
  if (Math.abs(Date.now() - amzDateMs(header(request, 'x-amz-date'))) > SKEW_MS) {
    throw new AwsError('InvalidSignatureException', 'Signature expired: the request time is too far from the current time.');
  }
  const expected = Buffer.from(expectedSignature(request, body, [date!, region, service], signedHeaders!, identity.secretAccessKey));
  if (!timingSafeEqual(expected, Buffer.from(signature!))) {
    throw new AwsError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  if (identity.sessionToken !== undefined && header(request, 'x-amz-security-token') !== identity.sessionToken) {
    throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  return identity;
}

/**
 * A stand-in for ECR's API on the AWS JSON 1.1 protocol: it verifies SigV4 like AWS, answers
 * GetAuthorizationToken with base64("AWS:<password>"), 12-hour expiry and the proxy endpoint.
 */
export async function startEcrEndpoint(options: EcrEndpointOptions): Promise<RunningEcrEndpoint> {
  const log: EcrRequestLogLine[] = [];
  const proxyEndpoint = `https://${options.accountId}.dkr.ecr.${options.region}.amazonaws.com`;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const target = header(request, 'x-amz-target');
    const accessKeyId = AUTHORIZATION.exec(header(request, 'authorization'))?.[1] ?? null;
    const reply = (status: number, payload: unknown, error?: string) => {
      log.push({ target, accessKeyId, status, ...(error ? { error } : {}) });
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomBytes(16).toString('hex'),
        ...(error ? { 'x-amzn-errortype': `${error}:http://internal.amazon.com/coral/com.amazon.coral.service/` } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    try {
      const identity = authenticate(request, body, options);
      if (target !== TARGET) throw new AwsError('UnknownOperationException', 'Unknown operation');
      if (!identity.allowed) {
        throw new AwsError(
          'AccessDeniedException',
          `User: ${identity.arn} is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action`,
        );
      }
      const password = randomBytes(96).toString('base64');
      await options.onIssue(password);
      reply(200, {
        authorizationData: [
          {
            authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
            expiresAt: (Date.now() + 12 * 3600_000) / 1000,
            proxyEndpoint,
          },
        ],
      });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      reply(error.status, { __type: error.type, message: error.message }, error.type);
    }
  }

  const server = await listen((request, response) => void answer(request, response));
  return { endpoint: server.origin, proxyEndpoint, requests: () => [...log], stop: server.stop };
}
