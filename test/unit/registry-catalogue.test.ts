import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RegistryInput, RegistryView } from '../../shared/schemas';
import { AppFailure } from '../../main/app-errors/app-failure';
import { makeCertificateAuthority, makeServiceAccountKey } from '../support/fixtures';
import { createMemorySecretStore } from '../support/memory-secret-store';
import { createTestServices, type TestServices } from '../support/services';

const docker = (name: string, extra: Partial<Extract<RegistryInput, { type: 'docker' }>> = {}): RegistryInput => ({
  type: 'docker', name, url: 'docker.io', username: 'octo', password: `pw-${name}`, ...extra,
});

async function failureOf(promise: Promise<unknown>): Promise<AppFailure['appError']> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.appError;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('registry catalogue', () => {
  let fixture: TestServices;
  let secrets: ReturnType<typeof createMemorySecretStore>;
  const catalogue = () => fixture.services.registries;
  const defaults = (list: RegistryView[]) => list.filter((registry) => registry.isDefault).map((registry) => registry.name);

  beforeEach(async () => {
    secrets = createMemorySecretStore();
    fixture = await createTestServices({ dataDir: mkdtempSync(join(tmpdir(), 'rd-cat-')), keychainService: 'unused', secrets });
  });

  it('makes the first registry the default and moves the default when asked', async () => {
    const first = await catalogue().create(docker('one'));
    expect(first.isDefault).toBe(true);
    const second = await catalogue().create(docker('two'));
    expect(second.isDefault).toBe(false);
    expect(defaults(await catalogue().setDefault(second.id))).toEqual(['two']);
    await catalogue().create(docker('three', { isDefault: true }));
    expect(defaults(await catalogue().list())).toEqual(['three']);
  });

  it('deletes the default like any registry, handing the default to the first one left (nothing but a tie-break depends on it)', async () => {
    const first = await catalogue().create(docker('one'));
    await catalogue().create(docker('two'));
    await catalogue().create(docker('three'));
    await catalogue().remove(first.id);
    expect(defaults(await catalogue().list())).toEqual(['two']);
    expect(JSON.parse(readFileSync(fixture.settingsFile, 'utf8')).registries.filter((record: RegistryView) => record.isDefault).map((record: RegistryView) => record.name)).toEqual(['two']);
    for (const registry of await catalogue().list()) await catalogue().remove(registry.id);
    expect(await catalogue().list()).toEqual([]);
    expect(secrets.entries.size).toBe(0);
  });

  it('refuses to clear the default flag of the default registry', async () => {
    const first = await catalogue().create(docker('one'));
    const error = await failureOf(catalogue().update(first.id, docker('one', { isDefault: false, password: undefined })));
    expect(error.fieldErrors).toEqual([{ field: 'isDefault', code: 'isDefault.keepOne' }]);
  });

  it('keys secrets by id, so a rename keeps them, and a blank secret on edit keeps the stored one', async () => {
    const created = await catalogue().create(docker('old name'));
    const renamed = await catalogue().update(created.id, docker('new name', { password: undefined }));
    expect(renamed.name).toBe('new name');
    expect(renamed.storedSecrets.password).toBe(true);
    expect(secrets.entries.get(`${created.id}/password`)).toBe('pw-old name');
    await catalogue().update(created.id, docker('new name', { password: 'rotated' }));
    expect(secrets.entries.get(`${created.id}/password`)).toBe('rotated');
  });

  it('deletes secrets a new type or auth mode no longer uses', async () => {
    const created = await catalogue().create({
      type: 'ecr', name: 'ecr', url: '123456789012.dkr.ecr.us-east-1.amazonaws.com', authType: 'user-auth',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret-key',
    });
    expect(created).toMatchObject({ ecrRegion: 'us-east-1', ecrAccountId: '123456789012', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    const iam = await catalogue().update(created.id, { type: 'ecr', name: 'ecr', url: created.url, authType: 'iam-role' });
    expect(iam.storedSecrets.secretAccessKey).toBe(false);
    expect(iam.accessKeyId).toBeUndefined();
    expect(secrets.entries.size).toBe(0);
  });

  it('requires the new kind of secret when the type changes', async () => {
    const created = await catalogue().create(docker('hub'));
    const error = await failureOf(catalogue().update(created.id, { type: 'gcr', name: 'hub', url: 'gcr.io', username: '_json_key' }));
    expect(error.fieldErrors).toEqual([{ field: 'serviceAccountJson', code: 'serviceAccountJson.required' }]);
    const gcr = await catalogue().update(created.id, { type: 'gcr', name: 'hub', url: 'gcr.io', username: '_json_key', serviceAccountJson: makeServiceAccountKey() });
    expect(gcr.serviceAccountEmail).toBe('puller@registry-desk-test.iam.gserviceaccount.com');
    expect([...secrets.entries.keys()]).toEqual([`${created.id}/serviceAccountJson`]);
  });

  it('stores the compact JSON key in the keychain and only the client email in settings', async () => {
    const key = makeServiceAccountKey();
    const created = await catalogue().create({ type: 'artifact-registry', name: 'ar', url: 'europe-west1-docker.pkg.dev', username: '_json_key', serviceAccountJson: `'${key}'` });
    expect(secrets.entries.get(`${created.id}/serviceAccountJson`)).toBe(JSON.stringify(JSON.parse(key)));
    expect(readFileSync(fixture.settingsFile, 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('keeps the CA certificate as normalised PEM and shows its subject and expiry', async () => {
    const ca = makeCertificateAuthority({ commonName: 'Corp Root CA' });
    const created = await catalogue().create({
      type: 'other', name: 'harbor', url: 'harbor.corp:8443', username: 'robot', password: 'pw', connection: 'secure-with-ca',
      caCertificate: `Corp bundle\n${ca.certificate}\ntrailing text`,
    });
    expect(created.caCertificate).toBe(ca.certificate.trim() + '\n');
    expect(created.certificates).toEqual([expect.objectContaining({ subject: 'CN=Corp Root CA', expired: false, isCertificateAuthority: true })]);
  });

  it('accepts an expired CA but says it is expired', async () => {
    const ca = makeCertificateAuthority({ expired: true });
    const summaries = await fixture.services.certificates.inspect(ca.certificate);
    expect(summaries[0]).toMatchObject({ expired: true, validTo: '2021-01-01T00:00:00.000Z' });
  });

  it('reports a registry that no longer exists', async () => {
    expect((await failureOf(catalogue().get('reg_0000000000000000'))).code).toBe('registry.notFound');
  });

  it('serialises concurrent saves so none is lost', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, index) => catalogue().create(docker(`r${index}`))));
    const list = await catalogue().list();
    expect(list).toHaveLength(10);
    expect(defaults(list)).toHaveLength(1);
  });
});
