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
  /** The session behind these temporary keys has ended: AWS answers ExpiredTokenException. */
  expired?: boolean;
  /** How long a token minted for this identity lasts; AWS's 12 hours by default, negative plays a clock that is far off. */
  tokenLifetimeMs?: number;
}

export interface EcrEndpointOptions {
  region: string;
  accountId: string;
  identities: EcrIdentity[];
  /** Called with each password issued, so the registry can be told to accept user AWS with it. */
  onIssue(password: string): Promise<void>;
  /** What DescribeRepositories and DescribeImages list: repository → its images. */
  repositories?: Record<string, EcrImage[]>;
}

export interface EcrImage {
  digest: string;
  tags: string[];
  pushedAt: Date;
  size: number;
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
  /** Each request's `user-agent` header, in the order of `requests()`: the SDK's parts, then the client's `customUserAgent`. */
  userAgents(): string[];
  /** Pads every `nextToken` to at least this many characters (0: as short as it comes): ECR documents no bound on its length. */
  setNextTokenLength(length: number): void;
  stop(): Promise<void>;
}

const PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
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
  if (identity.expired) throw new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 403);
  return identity;
}

/**
 * ECR's paging as its API reference describes it: `maxResults` 1–1000 (default 100), a `nextToken`
 * that is opaque and only valid with the same request, absent on the last page.
 */
function paged<T>(items: T[], input: { maxResults?: number; nextToken?: string }, tokenLength: number): { page: T[]; nextToken?: string } {
  const max = input.maxResults ?? 100;
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw new AwsError('InvalidParameterException', 'Invalid parameter at \'maxResults\' failed to satisfy constraint: \'Member must have value less than or equal to 1000\'');
  let start = 0;
  if (input.nextToken !== undefined) {
    start = Number(Buffer.from(input.nextToken.split('~')[0]!, 'base64url').toString().replace('offset:', ''));
    if (!Number.isInteger(start) || start < 0 || start > items.length) throw new AwsError('InvalidParameterException', 'Invalid NextToken');
  }
  const page = items.slice(start, start + max);
  const token = Buffer.from(`offset:${start + max}`).toString('base64url');
  return start + max < items.length ? { page, nextToken: token.length >= tokenLength ? token : `${token}~`.padEnd(tokenLength, 'A') } : { page };
}

/** DescribeRepositories and DescribeImages with the fields the app reads, in AWS's shapes (times in epoch seconds). */
function listing(target: string, body: string, options: EcrEndpointOptions, tokenLength: number): unknown {
  const input = JSON.parse(body || '{}') as { repositoryName?: string; maxResults?: number; nextToken?: string; registryId?: string; filter?: { tagStatus?: string } };
  const repositories = options.repositories ?? {};
  if (input.registryId !== undefined && input.registryId !== options.accountId) {
    throw new AwsError('AccessDeniedException', `User is not authorized to perform: ecr:${target} on registry ${input.registryId}`);
  }
  if (target === 'DescribeRepositories') {
    const { page, nextToken } = paged(Object.keys(repositories).sort(), input, tokenLength);
    const uri = (name: string) => `${options.accountId}.dkr.ecr.${options.region}.amazonaws.com/${name}`;
    const described = page.map((name) => ({ repositoryName: name, registryId: options.accountId, repositoryUri: uri(name), repositoryArn: `arn:aws:ecr:${options.region}:${options.accountId}:repository/${name}` }));
    return { repositories: described, ...(nextToken ? { nextToken } : {}) };
  }
  const images = input.repositoryName !== undefined && Object.hasOwn(repositories, input.repositoryName) ? repositories[input.repositoryName]! : null;
  if (!images) throw new AwsError('RepositoryNotFoundException', `The repository with name '${input.repositoryName}' does not exist in the registry with id '${options.accountId}'`);
  const wanted = images.filter((image) => ({ TAGGED: image.tags.length > 0, UNTAGGED: image.tags.length === 0 })[input.filter?.tagStatus ?? ''] ?? true);
  const { page, nextToken } = paged(wanted, input, tokenLength);
  const imageDetails = page.map((image) => ({
    registryId: options.accountId,
    repositoryName: input.repositoryName,
    imageDigest: image.digest,
    ...(image.tags.length ? { imageTags: image.tags } : {}),
    imageSizeInBytes: image.size,
    imagePushedAt: image.pushedAt.getTime() / 1000,
  }));
  return { imageDetails, ...(nextToken ? { nextToken } : {}) };
}

const ISSUE = 'GetAuthorizationToken';
const LISTINGS = new Set(['DescribeRepositories', 'DescribeImages']);

/**
 * A stand-in for ECR's API on the AWS JSON 1.1 protocol: it verifies SigV4 like AWS, answers
 * GetAuthorizationToken with base64("AWS:<password>"), 12-hour expiry and the proxy endpoint, and
 * DescribeRepositories / DescribeImages with `maxResults` and `nextToken` paging.
 */
export async function startEcrEndpoint(options: EcrEndpointOptions): Promise<RunningEcrEndpoint> {
  const log: EcrRequestLogLine[] = [];
  let tokenLength = 0;
  const userAgents: string[] = [];
  const proxyEndpoint = `https://${options.accountId}.dkr.ecr.${options.region}.amazonaws.com`;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const target = header(request, 'x-amz-target');
    const accessKeyId = AUTHORIZATION.exec(header(request, 'authorization'))?.[1] ?? null;
    const reply = (status: number, payload: unknown, error?: string) => {
      log.push({ target, accessKeyId, status, ...(error ? { error } : {}) });
      userAgents.push(request.headers['user-agent'] ?? '');
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomBytes(16).toString('hex'),
        ...(error ? { 'x-amzn-errortype': `${error}:http://internal.amazon.com/coral/com.amazon.coral.service/` } : {}),
      });
      response.end(JSON.stringify(payload));
    };
    try {
      const identity = authenticate(request, body, options);
      const action = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
      if (action !== ISSUE && !LISTINGS.has(action)) throw new AwsError('UnknownOperationException', 'Unknown operation');
      if (!identity.allowed) {
        throw new AwsError(
          'AccessDeniedException',
          `User: ${identity.arn} is not authorized to perform: ecr:${action} on resource: * because no identity-based policy allows the ecr:${action} action`,
        );
      }
      if (LISTINGS.has(action)) return reply(200, listing(action, body, options, tokenLength));
      const password = randomBytes(96).toString('base64');
      await options.onIssue(password);
      reply(200, {
        authorizationData: [
          {
            authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
            expiresAt: (Date.now() + (identity.tokenLifetimeMs ?? 12 * 3600_000)) / 1000,
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
  return { endpoint: server.origin, proxyEndpoint, requests: () => [...log], userAgents: () => [...userAgents], setNextTokenLength: (length) => void (tokenLength = length), stop: server.stop };
}
