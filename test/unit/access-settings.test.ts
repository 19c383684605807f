import { describe, expect, it } from 'vitest';
import { checkAccessSettings } from '../../shared/access-rules';
import { AccessSettingsSchema, defaultAccessSettings, defaultSecretName, type AccessSettings } from '../../shared/access-settings';
import { matchesLabels, parseLabelSelector } from '../../shared/label-selector';
import { RegistryRecordSchema } from '../../shared/schemas';
import { isErrorCode } from '../../shared/i18n';

const ID = 'reg_0123456789abcdef';

describe('access settings', () => {
  it('defaults: inject into picked clusters, every namespace but the system ones, the default ServiceAccount', () => {
    const settings = defaultAccessSettings('Docker Hub', ID);
    expect(settings).toEqual({
      mode: 'inject-selected',
      allClusters: false,
      contexts: [],
      scope: { namespaces: { kind: 'all', excluded: ['kube-system', 'kube-public', 'kube-node-lease'] }, serviceAccounts: { kind: 'default' } },
      contextScopes: {},
      credential: { type: 'registry-credentials', secretName: 'docker-hub-pull-secret' },
    });
    expect(checkAccessSettings(settings)).toEqual({ ok: true, value: settings });
  });

  it.each([
    ['Docker Hub', 'docker-hub-pull-secret'],
    ['  ACME / Prod..Registry  ', 'acme-prod-registry-pull-secret'],
    ['Ünïcödé Harbor', 'unicode-harbor-pull-secret'],
    ['生产镜像仓库', 'registry-01234567-pull-secret'],
    ['x'.repeat(300), `${'x'.repeat(241)}-pull-secret`],
  ])('the default secret name for %j is %s, a valid DNS-1123 name', (name, expected) => {
    expect(defaultSecretName(name, ID)).toBe(expected);
    const settings = defaultAccessSettings(name, ID);
    expect(checkAccessSettings(settings).ok).toBe(true);
  });

  it('names every problem with its field and a catalogued message', () => {
    const settings: AccessSettings = {
      mode: 'skip-selected',
      allClusters: false,
      contexts: ['prod', 'prod'],
      scope: { namespaces: { kind: 'list', names: [' apps ', 'Bad_Name', '', 'apps'] }, serviceAccounts: { kind: 'list', names: ['ci', 'no way'] } },
      contextScopes: { staging: { namespaces: { kind: 'selector', labelSelector: 'team in (a,' }, serviceAccounts: { kind: 'list', names: [] } } },
      credential: { type: 'registry-credentials', secretName: 'Hub_Secret' },
    };
    const result = checkAccessSettings(settings);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ['scope.namespaces.names.1', 'access.namespace.format'],
      ['scope.serviceAccounts.names.1', 'access.serviceAccount.format'],
      ['contextScopes.staging.namespaces.labelSelector', 'access.labelSelector.invalid'],
      ['contextScopes.staging.serviceAccounts.names', 'access.serviceAccounts.required'],
      ['credential.secretName', 'access.secretName.format'],
    ]);
    for (const error of errors) expect(isErrorCode(error.code)).toBe(true);
  });

  it('tidies lists: trimmed, blanks and repeats dropped', () => {
    const settings: AccessSettings = {
      ...defaultAccessSettings('Hub', ID),
      contexts: ['a', 'a', 'b'],
      scope: { namespaces: { kind: 'list', names: [' apps ', 'apps', '', 'web'] }, serviceAccounts: { kind: 'default' } },
      credential: { type: 'image-pull-secret', secretNames: ['regcred', ' regcred'], createMissing: false },
    };
    const result = checkAccessSettings(settings);
    expect(result.ok && result.value).toMatchObject({
      contexts: ['a', 'b'],
      scope: { namespaces: { kind: 'list', names: ['apps', 'web'] } },
      credential: { secretNames: ['regcred'] },
    });
  });

  it('an empty list where one is required says so', () => {
    const result = checkAccessSettings({
      ...defaultAccessSettings('Hub', ID),
      scope: { namespaces: { kind: 'list', names: [' '] }, serviceAccounts: { kind: 'default' } },
      credential: { type: 'image-pull-secret', secretNames: [], createMissing: true },
    });
    expect(result.ok ? [] : result.errors.map((error) => error.code)).toEqual(['access.namespaces.required', 'access.secretNames.required']);
  });

  it('is stored on the registry record as an optional field: old files still parse', () => {
    const record = { id: ID, name: 'Hub', type: 'docker', url: 'docker.io', isDefault: true, createdAt: 'x', updatedAt: 'x', secrets: [] };
    expect(RegistryRecordSchema.parse(record)).toEqual(record);
    const withAccess = { ...record, access: defaultAccessSettings('Hub', ID) };
    expect(RegistryRecordSchema.parse(withAccess)).toEqual(withAccess);
    expect(AccessSettingsSchema.safeParse({ ...defaultAccessSettings('Hub', ID), token: 'x' }).success).toBe(false);
  });
});

describe('label selectors', () => {
  it.each([
    ['team=payments', { team: 'payments' }, true],
    ['team==payments,env!=prod', { team: 'payments', env: 'dev' }, true],
    ['team==payments,env!=prod', { team: 'payments', env: 'prod' }, false],
    ['env in (prod, staging)', { env: 'staging' }, true],
    ['env notin (prod)', {}, true],
    ['example.com/tier', { 'example.com/tier': '' }, true],
    ['!legacy', { legacy: 'yes' }, false],
    ['app.kubernetes.io/part-of=shop , !legacy', { 'app.kubernetes.io/part-of': 'shop' }, true],
  ])('%s against %j is %s', (selector, labels, expected) => {
    const parsed = parseLabelSelector(selector);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(matchesLabels(parsed.requirements, labels)).toBe(expected);
  });

  it.each(['', 'team in (a,', 'team in ()', '=x', 'Team_=x', 'a=b c', 'k=v,', 'bad/prefix/x=1', `k=${'v'.repeat(64)}`])('rejects %j with a reason', (selector) => {
    const parsed = parseLabelSelector(selector);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.detail.length).toBeGreaterThan(5);
  });
});
