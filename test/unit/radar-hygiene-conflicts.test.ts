// Two pull secrets for one registry in one namespace conflict when their logins differ: another
// user, or the same user with another password (a rotated password copied into one secret and not
// the other). Passwords are compared by keyed hash and never reach the finding.
import { describe, expect, it } from 'vitest';
import type { FleetRead, SecretItem, WorkloadItem } from '../../main/radar/fleet-reads';
import { contextFindings } from '../../main/radar/hygiene';
import { buildInventory } from '../../main/radar/inventory';

const REGISTRY = 'registry.example.com';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const meta = { namespace: 'shop', labels: {}, annotations: {}, owners: [], created: null };

function pullSecret(name: string, username: string, password: string): SecretItem {
  const config = { auths: { [REGISTRY]: { username, password, auth: b64(`${username}:${password}`) } } };
  return { ...meta, name, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify(config)) } };
}

const web: WorkloadItem = {
  ...meta,
  name: 'web',
  kind: 'Deployment',
  template: { serviceAccount: 'default', pullSecrets: ['old', 'new'], nodeName: null, placement: { selector: {}, terms: null, tooComplex: false }, containers: [{ name: 'web', kind: 'regular', image: `${REGISTRY}/team/app:1`, pullPolicy: 'IfNotPresent' }] },
  imageIds: new Map(),
};

function conflictsOf(secrets: SecretItem[]) {
  const read: FleetRead = { secrets, accounts: [], workloads: [web], nodes: [], engineSecrets: [], refused: [], byNamespace: new Map(), lists: 0 };
  return contextFindings('prod', buildInventory(read)).filter((finding) => finding.code === 'conflict');
}

describe('conflicting pull secrets in one namespace', () => {
  it('flags the same user with a different password, numbering the passwords and naming the one kubelet tries first', () => {
    const found = conflictsOf([pullSecret('old', 'alice', 'pw-before-rotation'), pullSecret('new', 'alice', 'pw-after-rotation')]);
    expect(found.map((finding) => finding.params)).toEqual([{ registry: REGISTRY, secrets: 'old (alice #1), new (alice #2)', winner: 'old', by: 'Deployment/web' }]);
    const text = JSON.stringify(found);
    for (const secret of ['pw-before-rotation', 'pw-after-rotation', b64('alice:pw-before-rotation')]) expect(text).not.toContain(secret);
  });

  it('still flags different users, and leaves identical copies of one login alone', () => {
    expect(conflictsOf([pullSecret('old', 'alice', 'pw'), pullSecret('new', 'robot', 'pw')]).map((finding) => finding.params.secrets)).toEqual(['old (alice), new (robot)']);
    expect(conflictsOf([pullSecret('old', 'alice', 'pw'), pullSecret('new', 'alice', 'pw')])).toEqual([]);
  });
});
