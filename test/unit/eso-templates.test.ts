// Every template the app writes for External Secrets, rendered as External Secrets v2.9.0 renders
// it, with exactly the keys each generator outputs: the result must be the pull secret kubelet
// reads. Schema validation alone let a template through that read a key no generator has.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClusterSyncChoice, SyncIdentity, TargetScope } from '../../shared/access-settings';
import { desiredSync, type SyncSubject } from '../../main/cluster-sync/desired-sync';
import { registryEsoManifests } from '../../main/cluster-sync/registry-eso-export';
import type { Manifest } from '../../main/cluster-sync/object-kinds';
import { dockerServerKey } from '../../main/pull-secrets/pull-secret';
import { goJsonString, renderGoTemplate, TemplateError } from '../engine-controllers/go-template';

/**
 * What each generator returns, key for key, in External Secrets v2.9.0:
 * generators/v1/ecr/ecr.go fetchECRPrivateToken, generators/v1/gcr/gcr.go generate (username is
 * the constant "oauth2accesstoken"), generators/v1/acr/acr.go generate (username is the nil UUID).
 */
const GENERATOR_OUTPUTS: Record<string, Record<string, string>> = {
  ECRAuthorizationToken: { username: 'AWS', password: 'eyJwYXlsb2FkIjoiQUJDIn0+/=', proxy_endpoint: 'https://999999999999.dkr.ecr.eu-west-1.amazonaws.com', expires_at: '1767225600' },
  GCRAccessToken: { username: 'oauth2accesstoken', password: 'ya29.a0AfB_byC-token_with.dots', expiry: '1767225600' },
  ACRAccessToken: { username: '00000000-0000-0000-0000-000000000000', password: 'eyJhbGciOiJSUzI1NiJ9.eyJncmFudF90eXBlIjoicmVmcmVzaF90b2tlbiJ9.c2ln' },
};

/** How long each generator's token lives, in minutes (AWS GetAuthorizationToken, Google OAuth access tokens, ACR refresh tokens). */
const TOKEN_LIFETIME: Record<string, number> = { ECRAuthorizationToken: 12 * 60, GCRAccessToken: 60, ACRAccessToken: 3 * 60 };

/** A service-account JSON key, as an Artifact Registry `_json_key` password: quotes, backslash-n, a real newline, &, <, >, U+2028. */
const JSON_KEY = `${JSON.stringify({ type: 'service_account', project_id: 'acme', private_key: '-----BEGIN PRIVATE KEY-----\nMIIEv&<>\n-----END PRIVATE KEY-----\n', client_email: 'puller@acme.iam.gserviceaccount.com' }, null, 2)}\n\u2028`;

const scope: TargetScope = { namespaces: { kind: 'list', names: ['team-a'] }, serviceAccounts: { kind: 'default' } };
const choice = (identity: SyncIdentity): ClusterSyncChoice => ({ engine: 'external-secrets', sourceNamespace: 'registry-desk', identity, wireServiceAccounts: false });

const generatorCases: [string, SyncSubject['registryType'], string, SyncIdentity][] = [
  ['ECR, controller identity', 'ecr', 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', { kind: 'controller' }],
  ['ECR, IRSA', 'ecr', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', { kind: 'irsa', serviceAccount: 'ecr-puller' }],
  ['ECR, access keys', 'ecr', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', { kind: 'access-keys' }],
  ['Artifact Registry, GKE workload identity', 'gcr', 'https://europe-docker.pkg.dev', { kind: 'gcp-workload-identity', serviceAccount: 'gcr-puller', projectId: 'acme', clusterLocation: 'europe-west1', clusterName: 'prod' }],
  ['ACR saved with its scheme, Azure workload identity', 'azure', 'https://acme.azurecr.io', { kind: 'azure-workload-identity', serviceAccount: 'acr-puller', tenantId: '00000000-0000-0000-0000-000000000001' }],
];

function subject(registryType: SyncSubject['registryType'], url: string, identity: SyncIdentity): SyncSubject {
  return { registryId: 'reg_0123456789abcdef', registryType, serverKey: dockerServerKey(url), ecrRegion: 'eu-west-1', secretName: 'team-pull-secret', choice: choice(identity), scope };
}

const spec = (manifest: Manifest) => manifest.spec as Record<string, unknown> & { target: { template: { type: string; data?: Record<string, string> } } };

/** The pull secret External Secrets writes from a template: `.dockerconfigjson`, parsed as kubelet and the API server parse it. */
function renderedPullSecret(externalSecret: Manifest, data: Record<string, string>): { text: string; parsed: { auths: Record<string, Record<string, string>> } } {
  const template = spec(externalSecret).target.template;
  expect(template.type).toBe('kubernetes.io/dockerconfigjson');
  expect(Object.keys(template.data ?? {})).toEqual(['.dockerconfigjson']);
  const text = renderGoTemplate(template.data!['.dockerconfigjson']!, data);
  return { text, parsed: JSON.parse(text) as { auths: Record<string, Record<string, string>> } };
}

const basicAuth = (username: string, password: string) => Buffer.from(`${username}:${password}`, 'utf8').toString('base64');

/** Go duration strings as ESO's refreshInterval takes them (h, m, s units). */
function minutesOf(duration: string): number {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  expect(parts.map((part) => part[0]).join('')).toBe(duration);
  return parts.reduce((total, [, value, unit]) => total + Number(value) * (unit === 'h' ? 60 : unit === 's' ? 1 / 60 : 1), 0);
}

describe('External Secrets templates rendered with the generators’ real outputs', () => {
  for (const [name, type, url, identity] of generatorCases) {
    it(`${name}: the generated pull secret is valid, for the saved registry, with the generator's login`, () => {
      const manifests = desiredSync(subject(type, url, identity), { login: null, awsKeys: null }, false).objects.map((object) => object.manifest);
      const generator = manifests.find((manifest) => manifest.apiVersion === 'generators.external-secrets.io/v1alpha1')!;
      const source = manifests.find((manifest) => manifest.kind === 'ExternalSecret')!;
      const outputs = GENERATOR_OUTPUTS[generator.kind]!;
      const { parsed } = renderedPullSecret(source, outputs);
      expect(parsed).toEqual({ auths: { [dockerServerKey(url)]: { username: outputs.username, password: outputs.password, auth: basicAuth(outputs.username!, outputs.password!) } } });
    });
  }

  it('a template that reads a key the generator does not output fails, as missingkey=error makes it fail in External Secrets', () => {
    expect(() => renderGoTemplate('{"auths":{"gcr.io":{"password":"{{ .token }}"}}}', GENERATOR_OUTPUTS.GCRAccessToken!)).toThrow(/map has no entry for key "token"/);
  });

  it('ACRAccessToken gets the bare domain of a registry saved as https://x.azurecr.io', () => {
    const manifests = desiredSync(subject('azure', 'https://acme.azurecr.io', generatorCases[4]![3]), { login: null, awsKeys: null }, false).objects.map((object) => object.manifest);
    expect((manifests.find((manifest) => manifest.kind === 'ACRAccessToken')!.spec as { registry: string }).registry).toBe('acme.azurecr.io');
  });

  it('keeps a copy’s token, source refresh plus copy refresh in the worst case, within half of the token’s lifetime', () => {
    for (const [name, type, url, identity] of generatorCases) {
      const manifests = desiredSync(subject(type, url, identity), { login: null, awsKeys: null }, false).objects.map((object) => object.manifest);
      const generator = manifests.find((manifest) => manifest.apiVersion === 'generators.external-secrets.io/v1alpha1')!;
      const source = minutesOf(spec(manifests.find((manifest) => manifest.kind === 'ExternalSecret')!).refreshInterval as string);
      const copy = minutesOf((spec(manifests.find((manifest) => manifest.kind === 'ClusterExternalSecret')!).externalSecretSpec as { refreshInterval: string }).refreshInterval);
      const worstAge = source + copy;
      expect(worstAge, name).toBeLessThanOrEqual(TOKEN_LIFETIME[generator.kind]! / 2);
    }
  });

  it('the per-registry export renders valid JSON for a JSON-key password, and kubectl’s escaping of it', () => {
    const [externalSecret] = registryEsoManifests(
      { registryId: 'reg_0123456789abcdef', registryType: 'gcr', serverKey: dockerServerKey('https://europe-docker.pkg.dev') },
      { namespace: 'apps', secretName: 'gar-pull', store: { kind: 'ClusterSecretStore', name: 'vault', remoteKey: 'registries/gar', usernameProperty: 'user', passwordProperty: 'key' } },
    );
    const keys = (spec(externalSecret!).data as { secretKey: string }[]).map((entry) => entry.secretKey);
    const data = { username: '_json_key', password: JSON_KEY };
    expect(keys.sort()).toEqual(Object.keys(data).sort());
    const { text, parsed } = renderedPullSecret(externalSecret!, data);
    expect(parsed.auths['https://europe-docker.pkg.dev']).toEqual({ username: '_json_key', password: JSON_KEY, auth: basicAuth('_json_key', JSON_KEY) });
    expect(text).toContain('MIIEv\\u0026\\u003c\\u003e');
    expect(text).toContain('\\u2028');
  });

  it('the per-registry ECR export renders with the ECR generator’s outputs', () => {
    const manifests = registryEsoManifests({ registryId: 'reg_0123456789abcdef', registryType: 'ecr', serverKey: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', ecrRegion: 'eu-west-1' }, { namespace: 'apps', secretName: 'ecr-pull' });
    const outputs = GENERATOR_OUTPUTS.ECRAuthorizationToken!;
    const { parsed } = renderedPullSecret(manifests.find((manifest) => manifest.kind === 'ExternalSecret')!, outputs);
    expect(parsed.auths['123456789012.dkr.ecr.eu-west-1.amazonaws.com']).toEqual({ username: 'AWS', password: outputs.password, auth: basicAuth('AWS', outputs.password!) });
  });
});

describe('the test renderer itself', () => {
  it('escapes strings as Go’s json.Marshal does (Go ≥ 1.22: \\b and \\f short)', () => {
    expect(goJsonString('a"b\\c\n\r\t\b\f\u0001\u007f<>&\u2028\u2029é😀')).toBe('"a\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\u007f\\u003c\\u003e\\u0026\\u2028\\u2029é😀"');
  });

  it('formats printf as fmt.Sprintf, missing and extra operands included', () => {
    expect(renderGoTemplate('{{ printf "%s:%s" .a }}|{{ printf "%s" .a .a }}|{{ printf "100%%" }}', { a: 'x' })).toBe('x:%!s(MISSING)|x%!(EXTRA string=x)|100%');
  });

  it('refuses what it does not implement instead of rendering it differently', () => {
    for (const template of ['{{ if .a }}x{{ end }}', '{{- .a }}', '{{ .a -}}', '{{ (printf "%s" .a) }}', '{{ upper .a }}', '{{ printf "%d" .a }}', '{{ . }}', '{{ .a.b }}', '{{ .a'])
      expect(() => renderGoTemplate(template, { a: 'x' }), template).toThrow(TemplateError);
  });
});

// ---------------------------------------------------------------- against Go's text/template

function goVersion(): Promise<string | null> {
  return new Promise((resolve) => execFile('go', ['env', 'GOVERSION'], (error, stdout) => resolve(error ? null : stdout.trim())));
}
const version = await goVersion();
const skipReason = version === null ? 'needs the Go toolchain (Debian package golang-go) to run text/template itself' : undefined;

describe.skipIf(skipReason !== undefined)('the test renderer against Go’s own text/template', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rd-go-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('renders every template the app writes, and tricky values, exactly as Go does', async () => {
    // Go before 1.22 spells \b and \f as \u0008 and \u000c; ESO v2.9.0 is built with Go 1.26.
    const [major, minor] = (/go(\d+)\.(\d+)/.exec(version!) ?? []).slice(1).map(Number);
    const shortEscapes = major! > 1 || minor! >= 22;
    const tricky = `"quoted" back\\slash <tag> & amp\n\r\t\u0001\u001f\u007f é 😀 \u2028\u2029${shortEscapes ? '\b\f' : ''}`;
    const templates = new Set<string>();
    for (const [, type, url, identity] of generatorCases)
      for (const { manifest } of desiredSync(subject(type, url, identity), { login: null, awsKeys: null }, false).objects) {
        const data = (manifest.spec as { target?: { template?: { data?: Record<string, string> } } } | undefined)?.target?.template?.data;
        for (const template of Object.values(data ?? {})) templates.add(template);
      }
    const exported = registryEsoManifests(
      { registryId: 'reg_0123456789abcdef', registryType: 'docker', serverKey: 'https://index.docker.io/v1/' },
      { namespace: 'apps', secretName: 'hub', store: { kind: 'SecretStore', name: 'vault', remoteKey: 'hub', usernameProperty: 'u', passwordProperty: 'p' } },
    );
    templates.add(spec(exported[0]!).target.template.data!['.dockerconfigjson']!);
    const cases = [
      ...[...templates].flatMap((template) => [
        { template, data: GENERATOR_OUTPUTS.GCRAccessToken! },
        { template, data: { username: tricky, password: JSON_KEY } },
        { template, data: { password: 'no username' } },
      ]),
      { template: '{{ printf "%s:%s" .a }}|{{ printf "%s" .a .a }}|{{ printf "100%%" }} `raw` {{ `raw {{ }}` }} {{ "esc\\"aped\\n" | toJson }}', data: { a: tricky } },
      { template: '{{ .a | toJson | b64enc }}', data: { a: tricky } },
    ];
    const go = await new Promise<{ output?: string; error?: string }[]>((resolve, reject) => {
      const child = execFile('go', ['run', join(import.meta.dirname, '../engine-controllers/go-template-check/main.go')], {
        env: { ...process.env, GOCACHE: join(scratch, 'cache'), GOPATH: join(scratch, 'path'), GOFLAGS: '', GOTOOLCHAIN: 'local' },
        maxBuffer: 16 * 1024 * 1024,
      }, (error, stdout, stderr) => (error ? reject(new Error(`go run failed: ${stderr}`)) : resolve(JSON.parse(stdout) as { output?: string; error?: string }[])));
      child.stdin!.end(JSON.stringify(cases));
    });
    const ours = cases.map(({ template, data }) => {
      try {
        return { output: renderGoTemplate(template, data) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    });
    expect(go).toHaveLength(cases.length);
    cases.forEach((_case, index) => {
      const [mine, theirs] = [ours[index]!, go[index]!];
      if (theirs.error !== undefined) {
        expect(mine.error, `case ${index}: Go failed with ${theirs.error}`).toBeDefined();
        const missing = /map has no entry for key "[^"]+"/.exec(theirs.error)?.[0];
        if (missing) expect(mine.error).toContain(missing);
      } else expect(mine, `case ${index}`).toEqual({ output: theirs.output });
    });
  }, 180_000);
});
