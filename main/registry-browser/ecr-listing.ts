import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { Tag } from '../../shared/registry-browser-contract';
import { createAwsHttpHandler } from '../registry-credentials/aws-http-handler';
import { AWS_CUSTOM_USER_AGENT } from '../registry-http/user-agent';
import { ecrFailure } from '../registry-credentials/ecr-failure';
import type { RegistryCredentials } from '../registry-credentials/registry-credentials';
import type { ItemPage } from './name-walk';

type EcrCredentials = Extract<RegistryCredentials, { kind: 'ecr' }>;

export interface EcrListingOptions {
  /** Where ECR's API is; absent means AWS's regional endpoint. Tests point it at a local stand-in. */
  endpoint?: string;
  proxyEnv: Record<string, string | undefined>;
  timeoutMs: number;
}

export interface EcrPageRequest {
  cursor?: string;
  pageSize: number;
  signal: AbortSignal;
}

/**
 * ECR lists through its own API, not `_catalog`: DescribeRepositories and DescribeImages, paged by
 * `nextToken` (at most 1,000 a page), signed with the registry's own AWS identity (its access key,
 * or the SDK's default chain for an instance role). DescribeImages reports when each image was pushed.
 */
export function createEcrListing(options: EcrListingOptions) {
  async function send<T>(credentials: EcrCredentials, signal: AbortSignal, command: (client: ECRClient) => Promise<T>): Promise<T> {
    const client = new ECRClient({
      region: credentials.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(credentials.accessKey ? { credentials: credentials.accessKey } : {}),
      maxAttempts: 3,
      customUserAgent: AWS_CUSTOM_USER_AGENT,
      requestHandler: createAwsHttpHandler({ timeoutMs: options.timeoutMs, proxyEnv: options.proxyEnv }),
    });
    try {
      return await command(client);
    } catch (error) {
      if (signal.aborted) throw error;
      throw ecrFailure(error, credentials.region);
    } finally {
      client.destroy();
    }
  }

  return {
    /**
     * `denied`: IAM grants this identity no ecr:DescribeRepositories — as a refused catalog, the
     * operator types a repository (pulling needs only the image actions). AWS's reason names the
     * identity and the action, never a key.
     */
    repositories(credentials: EcrCredentials, request: EcrPageRequest): Promise<ItemPage<string, { outcome: 'denied'; reason: string }>> {
      const input = { registryId: credentials.accountId, maxResults: request.pageSize, ...(request.cursor ? { nextToken: request.cursor } : {}) };
      return send(credentials, request.signal, async (client) => {
        try {
          const answer = await client.send(new DescribeRepositoriesCommand(input), { abortSignal: request.signal });
          const names = (answer.repositories ?? []).flatMap((repository) => (repository.repositoryName ? [repository.repositoryName] : []));
          return { outcome: 'page', names, next: answer.nextToken ?? null };
        } catch (error) {
          if ((error as { name?: unknown }).name !== 'AccessDeniedException') throw error;
          return { outcome: 'denied', reason: String((error as { message?: unknown }).message ?? '').replace(/\s+/g, ' ').slice(0, 300) };
        }
      });
    },
    tags(credentials: EcrCredentials, repository: string, request: EcrPageRequest): Promise<ItemPage<Tag>> {
      const input = { registryId: credentials.accountId, repositoryName: repository, maxResults: request.pageSize, filter: { tagStatus: 'TAGGED' as const }, ...(request.cursor ? { nextToken: request.cursor } : {}) };
      return send(credentials, request.signal, async (client) => {
        try {
          const answer = await client.send(new DescribeImagesCommand(input), { abortSignal: request.signal });
          const tags = (answer.imageDetails ?? []).flatMap((image) => (image.imageTags ?? []).map((name) => ({ name, pushedAt: image.imagePushedAt?.toISOString() ?? null })));
          return { outcome: 'page', names: tags, next: answer.nextToken ?? null };
        } catch (error) {
          if ((error as { name?: unknown }).name === 'RepositoryNotFoundException') return { outcome: 'missing', status: 404 };
          throw error;
        }
      });
    },
  };
}
