// "Tag moved" compares the tag's digest now with the repository digest a pod runs. The runtime
// reports that in several forms; only some of them carry a repository digest at all. Each form is
// read by the one parser the "where does it run" view uses (runningOf), so both views agree.
import { describe, expect, it } from 'vitest';
import type { PullCheck } from '../../shared/radar-contract';
import type { Inventory, Workload } from '../../main/radar/inventory';
import { createPullChecks } from '../../main/radar/pull-verdicts';
import type { RegistryRun } from '../../main/radar/registry-checks';
import { runningOf } from '../../main/radar/running-images';

const NOW_DIGEST = `sha256:${'a'.repeat(64)}`;
const OLD_DIGEST = `sha256:${'b'.repeat(64)}`;
const CONFIG_DIGEST = `sha256:${'c'.repeat(64)}`;
const IMAGE = 'registry.example.com/team/app:1';

/** A registry that says the tag names NOW_DIGEST, a single-platform manifest. */
const registry = { ask: async () => ({ state: 'exists', status: 200, digest: NOW_DIGEST }) } as unknown as RegistryRun;

/** A registry that no longer knows the tag. */
const gone = { ask: async () => ({ state: 'manifest-unknown', status: 404 }) } as unknown as RegistryRun;

function verdictFor(running: string[], image = IMAGE, pullPolicy = 'IfNotPresent', asked = registry): Promise<PullCheck> {
  const workload: Workload = { namespace: 'shop', kind: 'Deployment', name: 'web', serviceAccount: 'default', pullSecrets: [], architectures: ['amd64'], architecturesFrom: 'all-nodes', containers: [{ name: 'web', kind: 'regular', image, pullPolicy, running }] };
  const inventory = { secretsRead: () => true, referencesRead: () => true, secrets: new Map(), pullSecrets: [], accounts: new Map(), workloads: [workload] } as Inventory;
  return createPullChecks(asked).check({ context: 'prod', inventory, workload, container: workload.containers[0]!, now: new Date() }, new Map()).check;
}

describe('the running digest a tag is compared with', () => {
  it('reads a repository digest only where the runtime reports one', () => {
    expect(runningOf(`docker-pullable://registry.example.com/team/app@${OLD_DIGEST}`)).toEqual({ name: 'registry.example.com/team/app', digest: OLD_DIGEST });
    expect(runningOf(`registry.example.com/team/app@${OLD_DIGEST}`)).toEqual({ name: 'registry.example.com/team/app', digest: OLD_DIGEST });
    expect(runningOf(`docker://${CONFIG_DIGEST}`)).toEqual({ name: null, digest: null });
    expect(runningOf(CONFIG_DIGEST)).toEqual({ name: null, digest: null });
  });

  it('never calls a tag moved from a runtime image ID (docker://sha256:…, a loaded image’s bare sha256:…)', async () => {
    for (const id of [`docker://${CONFIG_DIGEST}`, CONFIG_DIGEST]) {
      const check = await verdictFor([id]);
      expect([id, check.verdict]).toEqual([id, 'pulls']);
    }
  });

  it('calls a tag moved from a containerd or docker-pullable repository digest that differs', async () => {
    for (const id of [`registry.example.com/team/app@${OLD_DIGEST}`, `docker-pullable://registry.example.com/team/app@${OLD_DIGEST}`]) {
      const check = await verdictFor([id]);
      expect([id, check.verdict, check.reason.params.running, check.reason.params.now]).toEqual([id, 'tag-moved', OLD_DIGEST, NOW_DIGEST]);
    }
    expect((await verdictFor([`docker-pullable://registry.example.com/team/app@${NOW_DIGEST}`])).verdict).toBe('pulls');
  });

  it('compares only the repository digests when pods report both forms', async () => {
    const check = await verdictFor([`docker://${CONFIG_DIGEST}`, `registry.example.com/team/app@${OLD_DIGEST}`]);
    expect([check.verdict, check.reason.params.running]).toEqual(['tag-moved', OLD_DIGEST]);
  });

  it('never compares the tag with a digest of another repository', async () => {
    const check = await verdictFor([`registry.example.com/team/other@${OLD_DIGEST}`]);
    expect(check.verdict).toBe('pulls');
  });

  it('calls a refused pull of a running pod "fails" (not node-cache only) when kubelet pulls at every start: Always, or :latest with no policy written', async () => {
    const running = [`registry.example.com/team/app@${OLD_DIGEST}`];
    const verdicts = await Promise.all([
      verdictFor(running, IMAGE, 'Always', gone),
      verdictFor(running, 'registry.example.com/team/app:latest', '', gone),
      verdictFor(running, 'registry.example.com/team/app', '', gone),
      verdictFor(running, IMAGE, '', gone),
      verdictFor(running, IMAGE, 'IfNotPresent', gone),
    ]);
    expect(verdicts.map((check) => check.verdict)).toEqual(['fails', 'fails', 'fails', 'cached-only', 'cached-only']);
  });
});
