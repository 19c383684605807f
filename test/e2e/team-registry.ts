import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, inspectRaw, pushImage, type Platform } from '../registry-servers/oci-images';
import { addTags, copyToRepositories } from '../registry-servers/registry-seeding';
import { test } from './harness';

export interface TeamRegistry {
  registry: RunningDockerRegistry;
  /** team/app:multi's index digest, and its manifest as skopeo reads it. */
  multiDigest: string;
  multiManifest: string;
}

/**
 * The browser specs' registry: a real docker-registry (alice, `password`) holding team/app:1 (one
 * platform) with `tags` more names for it, team/app:multi (an index of `platforms`), and team/app:1
 * copied to infra/proxy, web/shop and web/blog; saved in the app as "Team registry" over http.
 * Started once per file, stopped after its last test.
 */
export function useTeamRegistry(password: string, { platforms, tags }: { platforms: Platform[]; tags: string[] }): TeamRegistry {
  const team = { registry: null, multiDigest: '', multiManifest: '' } as unknown as TeamRegistry;
  test.beforeAll(async () => {
    team.registry = await startDockerRegistry({ users: { alice: password } });
    const images = await buildOciImages({ multi: platforms });
    const alice = { username: 'alice', password };
    await pushImage(images, 'single', { reference: `${team.registry.address}/team/app:1`, ...alice });
    await pushImage(images, 'multi', { reference: `${team.registry.address}/team/app:multi`, ...alice });
    await images.remove();
    const seed = { origin: `http://${team.registry.address}`, ...alice };
    await addTags(seed, 'team/app', '1', tags);
    await copyToRepositories(seed, 'team/app', '1', ['infra/proxy', 'web/shop', 'web/blog']);
    const raw = await inspectRaw({ reference: `${team.registry.address}/team/app:multi`, ...alice });
    team.multiDigest = raw.digest!;
    team.multiManifest = raw.manifest!;
  });
  test.afterAll(async () => {
    await team.registry?.stop();
  });
  test.use({
    appOptions: {
      seed: async (services) => {
        await services.registries.create({ type: 'other', name: 'Team registry', url: `http://${team.registry.address}`, username: 'alice', password, connection: 'insecure' });
      },
    },
  });
  return team;
}
