import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { TargetScope } from '../../shared/access-settings';
import { planContext, type DesiredAccess } from '../../main/access/planner';
import { SECRET_DATA_PLACEHOLDER } from '../../shared/access-contract';
import { sentObjects } from '../../main/access/sent-objects';
import { pullSecret, type PullSecretLogin, type SecretObject } from '../../main/pull-secrets/pull-secret';
import { referencesKey, type ServiceAccountObject } from '../../main/pull-secrets/service-account-references';
import { secretSpellings } from '../support/sent-secrets';

const ID = 'reg_00000000000000aa';
const PASSWORD = 'hunter2&<secret>';
const LOGIN: PullSecretLogin = { registryId: ID, type: 'docker', server: 'docker.io', username: 'octo', password: PASSWORD };
const ALL: TargetScope = { namespaces: { kind: 'all', excluded: [] }, serviceAccounts: { kind: 'default' } };

const access = (adopt: string[] = []): DesiredAccess => ({
  registryId: ID,
  credential: { type: 'registry-credentials', secretName: 'hub' },
  serverKey: 'https://index.docker.io/v1/',
  login: LOGIN,
  now: new Date('2030-01-01T00:00:00Z'),
  renewBeforeMs: 0,
  adopt: new Set(adopt),
});

const account = (namespace: string, references: string[], ours: string[] = []): ServiceAccountObject => ({
  metadata: { name: 'default', namespace, resourceVersion: '7', ...(ours.length ? { labels: { [referencesKey(ID)]: 'added' }, annotations: { [referencesKey(ID)]: ours.join(',') } } : {}) },
  imagePullSecrets: references.map((name) => ({ name })),
});

function objectsIn(namespace: string, secrets: SecretObject[], accounts: ServiceAccountObject[], options: { scope?: TargetScope | null; adopt?: string[] } = {}) {
  const work = planContext('kind', options.scope === undefined ? ALL : options.scope, { namespaces: [{ name: namespace, labels: {}, terminating: false }], secrets, serviceAccounts: accounts }, access(options.adopt));
  return sentObjects(work.namespaces.find((entry) => entry.namespace === namespace)!, ID);
}

describe('what a preview shows apply will send', () => {
  it('a created Secret as YAML with every data value a placeholder, and the ServiceAccount merge patch', () => {
    const objects = objectsIn('apps', [], [account('apps', ['corp'])]);
    expect(objects.map(({ request, path }) => `${request} ${path}`)).toEqual(['create /api/v1/namespaces/apps/secrets', 'merge-patch /api/v1/namespaces/apps/serviceaccounts/default']);
    expect(parse(objects[0]!.body)).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/dockerconfigjson', metadata: { name: 'hub', namespace: 'apps' }, data: { '.dockerconfigjson': SECRET_DATA_PLACEHOLDER } });
    expect(JSON.parse(objects[1]!.body)).toMatchObject({ metadata: { resourceVersion: '7' }, imagePullSecrets: [{ name: 'corp' }, { name: 'hub' }] });
    for (const spelling of secretSpellings(PASSWORD, 'octo')) expect(JSON.stringify(objects)).not.toContain(spelling);
  });

  it('an adopted secret of another type is deleted with its resourceVersion and created again', () => {
    const foreign: SecretObject = { metadata: { name: 'hub', namespace: 'apps', resourceVersion: '3' }, type: 'Opaque', data: { token: 'bm90LW91cnM=' } };
    const objects = objectsIn('apps', [foreign], [account('apps', ['hub'])], { adopt: ['apps/hub'] });
    expect(objects.map(({ request }) => request)).toEqual(['delete', 'create']);
    expect(parse(objects[0]!.body)).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion: '3' } });
    expect(JSON.stringify(objects)).not.toContain('bm90LW91cnM=');
  });

  it('a removal deletes the secret and patches only the app’s own reference away', () => {
    const ours = { ...pullSecret('hub', 'apps', LOGIN), metadata: { ...pullSecret('hub', 'apps', LOGIN).metadata, resourceVersion: '9' } };
    const objects = objectsIn('apps', [ours], [account('apps', ['corp', 'hub'], ['hub'])], { scope: null });
    expect(objects.map(({ request }) => request)).toEqual(['delete', 'merge-patch']);
    expect(JSON.parse(objects[1]!.body)).toMatchObject({ imagePullSecrets: [{ name: 'corp' }] });
    for (const spelling of secretSpellings(PASSWORD, 'octo')) expect(JSON.stringify(objects)).not.toContain(spelling);
  });

  it('nothing for what apply leaves alone: an identical secret, a foreign one not adopted', () => {
    expect(objectsIn('same', [{ ...pullSecret('hub', 'same', LOGIN) }], [account('same', ['hub'], ['hub'])])).toEqual([]);
    const foreign: SecretObject = { metadata: { name: 'hub', namespace: 'apps' }, type: 'Opaque', data: {} };
    expect(objectsIn('apps', [foreign], [account('apps', [])]).filter((object) => object.kind === 'Secret')).toEqual([]);
  });
});
