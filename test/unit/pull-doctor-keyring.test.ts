import { describe, expect, it } from 'vitest';
import { manifestReference, normalizedReference, parseImageReference } from '../../main/pull-secrets/image-reference';
import { unusableReason } from '../../main/access/secret-inspection';
import { BAD_PATTERN, goGlobMatch, goPathMatch } from '../../main/pull-secrets/go-url';
import {
  KubeletPullFailure, kubeletCredentials, lookupEntries, readPullSecret, registryProbeImage, type PullSecretObject,
} from '../../main/pull-secrets/kubelet-keyring';

// kubelet's credential lookup (pkg/credentialprovider keyring.go, config.go, secrets/secrets.go) and
// distribution's reference normalisation, rule by rule. Each row says which kubelet rule it pins.

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const entry = (username = 'u', password = 'p') => ({ username, password, auth: b64(`${username}:${password}`) });
function dockerconfigjson(name: string, keys: string[] | Record<string, unknown>): PullSecretObject {
  const auths = Array.isArray(keys) ? Object.fromEntries(keys.map((key) => [key, entry()])) : keys;
  return { metadata: { name }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } };
}
const HEX = 'a'.repeat(64);

describe('image references, as kubelet normalises them (ParseNormalizedNamed + ParseImageName)', () => {
  const table: [written: string, name: string, pulled: string][] = [
    ['nginx', 'docker.io/library/nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx', 'docker.io/library/nginx:1.25'],
    ['library/nginx', 'docker.io/library/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/nginx', 'docker.io/library/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/org/app:v1', 'docker.io/org/app', 'docker.io/org/app:v1'],
    ['docker.io/org/app', 'docker.io/org/app', 'docker.io/org/app:latest'],
    ['org/app', 'docker.io/org/app', 'docker.io/org/app:latest'],
    ['myacr.azurecr.io/team/app:2', 'myacr.azurecr.io/team/app', 'myacr.azurecr.io/team/app:2'],
    [`reg.io/app@sha256:${HEX}`, 'reg.io/app', `reg.io/app@sha256:${HEX}`],
    [`reg.io/app:v1@sha256:${HEX}`, 'reg.io/app', `reg.io/app:v1@sha256:${HEX}`],
    ['localhost/app', 'localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app:dev', 'localhost:5000/app', 'localhost:5000/app:dev'],
    ['127.0.0.1:5000/team/app:1', '127.0.0.1:5000/team/app', '127.0.0.1:5000/team/app:1'],
    // An upper-case first component is a host, not a Docker Hub organisation.
    ['Registry/app', 'Registry/app', 'Registry/app:latest'],
    ['[::1]:5000/app', '[::1]:5000/app', '[::1]:5000/app:latest'],
    ['quay.io/org/app_x__y-z.w:tag_1.0-rc', 'quay.io/org/app_x__y-z.w', 'quay.io/org/app_x__y-z.w:tag_1.0-rc'],
  ];
  it.each(table)('%s → %s', (written, name, pulled) => {
    const parsed = parseImageReference(written);
    expect(parsed.ok && parsed.image.name).toBe(name);
    if (parsed.ok) expect(normalizedReference(parsed.image)).toBe(pulled);
  });

  it('the tag or digest the registry is asked for; latest by default', () => {
    const ref = (text: string) => {
      const parsed = parseImageReference(text);
      return parsed.ok ? manifestReference(parsed.image) : parsed.reason;
    };
    expect([ref('nginx'), ref('nginx:1'), ref(`nginx:1@sha256:${HEX}`)]).toEqual(['latest', '1', `sha256:${HEX}`]);
  });

  const invalid: [written: string, reason: string][] = [
    ['NGINX', 'invalid reference format: repository name (library/NGINX) must be lowercase'],
    ['reg.io/Team/app', 'invalid reference format: repository name (Team/app) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['', 'invalid reference format'],
    ['reg.io/app:a:b', 'invalid reference format'],
    ['quay.io/org+robot/app', 'invalid reference format'],
    [' nginx', 'invalid reference format'],
    ['reg.io/app@sha256:abc', 'invalid reference format'],
    [`reg.io/app@sha256:${'a'.repeat(63)}`, 'invalid checksum digest length'],
    [`reg.io/app@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`reg.io/app@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [HEX, `invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`],
    [`reg.io/${'a'.repeat(250)}`, 'repository name must not be more than 255 characters'],
    ['reg.io/app:' + 't'.repeat(129), 'invalid reference format'],
  ];
  it.each(invalid)('%j is InvalidImageName: %s', (written, reason) => {
    expect(parseImageReference(written)).toEqual({ ok: false, reason });
    expect(() => kubeletCredentials(written, [])).toThrow(KubeletPullFailure);
  });
});

interface Row {
  rule: string;
  image: string;
  secrets: PullSecretObject[];
  expected: [secret: string, key: string][];
}

const ROWS: Row[] = [
  // Docker Hub and its fallback.
  { rule: 'Hub fallback: `https://index.docker.io/v1/` serves `nginx`', image: 'nginx', secrets: [dockerconfigjson('hub', ['https://index.docker.io/v1/'])], expected: [['hub', 'https://index.docker.io/v1/']] },
  { rule: 'Hub fallback: also `index.docker.io/org/app`', image: 'index.docker.io/org/app:1', secrets: [dockerconfigjson('hub', ['index.docker.io'])], expected: [['hub', 'index.docker.io']] },
  { rule: 'Hub fallback: not for another registry', image: 'quay.io/org/app', secrets: [dockerconfigjson('hub', ['https://index.docker.io/v1/'])], expected: [] },
  { rule: 'Hub: a `docker.io` key matches directly, so the fallback is not used', image: 'nginx', secrets: [dockerconfigjson('both', ['https://index.docker.io/v1/', 'docker.io'])], expected: [['both', 'docker.io']] },
  { rule: 'Hub: `registry-1.docker.io` never matches Hub images', image: 'nginx', secrets: [dockerconfigjson('api', ['registry-1.docker.io'])], expected: [] },
  { rule: 'Hub: `index.docker.io/org` is not the fallback key and has three labels', image: 'org/app', secrets: [dockerconfigjson('org', ['https://index.docker.io/org'])], expected: [] },
  { rule: 'Hub: fallback only for exactly `index.docker.io` (not with a port)', image: 'nginx', secrets: [dockerconfigjson('port', ['index.docker.io:443'])], expected: [] },
  // Hosts.
  { rule: 'host: wrong host', image: 'myacr.azurecr.io/app', secrets: [dockerconfigjson('regcred', ['https://index.docker.io/v1/'])], expected: [] },
  { rule: 'host: scheme or not, and a trailing `/v2/` or `/v1/`, are the same key', image: 'reg.io/app', secrets: [dockerconfigjson('s', ['https://reg.io/v2/', 'http://reg.io/v1/', 'reg.io'])], expected: [['s', 'https://reg.io/v2/'], ['s', 'http://reg.io/v1/'], ['s', 'reg.io']] },
  { rule: 'host: `*.azurecr.io` matches one label', image: 'myacr.azurecr.io/team/app:1', secrets: [dockerconfigjson('acr', ['*.azurecr.io'])], expected: [['acr', '*.azurecr.io']] },
  { rule: 'host: `*.azurecr.io` does not match two labels', image: 'a.b.azurecr.io/app', secrets: [dockerconfigjson('acr', ['*.azurecr.io'])], expected: [] },
  { rule: 'host: globs per label (classes, negated classes)', image: 'reg1.corp.io/app', secrets: [dockerconfigjson('g', ['reg[0-9].*.io', 'reg[^0-9].corp.io'])], expected: [['g', 'reg[0-9].*.io']] },
  { rule: 'host: `?` starts a URL query in Go, so `reg?.corp.io` is the key `reg`', image: 'reg1.corp.io/app', secrets: [dockerconfigjson('q', ['reg?.corp.io'])], expected: [] },
  { rule: 'host: a malformed glob matches nothing', image: 'reg1.corp.io/app', secrets: [dockerconfigjson('bad', ['reg[.corp.io'])], expected: [] },
  { rule: 'host: compared case-sensitively, as Go does', image: 'REG.io/app', secrets: [dockerconfigjson('c', ['reg.io'])], expected: [] },
  // Ports.
  { rule: 'port: no port is not :5000', image: 'reg.io:5000/app', secrets: [dockerconfigjson('p', ['reg.io'])], expected: [] },
  { rule: 'port: :5000 is not no port', image: 'reg.io/app', secrets: [dockerconfigjson('p', ['reg.io:5000'])], expected: [] },
  { rule: 'port: equal ports match', image: 'reg.io:5000/app', secrets: [dockerconfigjson('p', ['https://reg.io:5000'])], expected: [['p', 'https://reg.io:5000']] },
  { rule: 'port: :443 is not implied', image: 'reg.io/app', secrets: [dockerconfigjson('p', ['https://reg.io:443'])], expected: [] },
  { rule: 'port: localhost', image: 'localhost:5000/app', secrets: [dockerconfigjson('l', ['localhost:5000', 'localhost'])], expected: [['l', 'localhost:5000']] },
  // Paths.
  { rule: 'path: a key path matches as a prefix', image: 'reg.io/team/app', secrets: [dockerconfigjson('t', ['reg.io/team'])], expected: [['t', 'reg.io/team']] },
  { rule: 'path: a string prefix, so `team` also matches `team2`', image: 'reg.io/team2/app', secrets: [dockerconfigjson('t', ['reg.io/team'])], expected: [['t', 'reg.io/team']] },
  { rule: 'path: another path does not match', image: 'reg.io/other/app', secrets: [dockerconfigjson('t', ['reg.io/team'])], expected: [] },
  { rule: 'path: `/v2/team` is the key `reg.io/team`', image: 'reg.io/team/app', secrets: [dockerconfigjson('t', ['https://reg.io/v2/team'])], expected: [['t', 'https://reg.io/v2/team']] },
  { rule: 'path: a trailing slash is part of the prefix', image: 'reg.io/team', secrets: [dockerconfigjson('t', ['reg.io/team/'])], expected: [] },
  // Order.
  { rule: 'order: more specific (reverse-sorted) keys first', image: 'reg.io/team/app', secrets: [dockerconfigjson('s', ['reg.io', 'reg.io/team', 'reg.io/team/app'])], expected: [['s', 'reg.io/team/app'], ['s', 'reg.io/team'], ['s', 'reg.io']] },
  { rule: 'order: across secrets, by key first, then pod order', image: 'reg.io/team/app', secrets: [dockerconfigjson('first', ['reg.io']), dockerconfigjson('second', ['reg.io/team', 'https://reg.io'])], expected: [['second', 'reg.io/team'], ['first', 'reg.io'], ['second', 'https://reg.io']] },
  { rule: 'order: every matching key of every secret is returned', image: 'myacr.azurecr.io/app', secrets: [dockerconfigjson('a', ['*.azurecr.io']), dockerconfigjson('b', ['myacr.azurecr.io'])], expected: [['b', 'myacr.azurecr.io'], ['a', '*.azurecr.io']] },
  // Secret types.
  { rule: 'type: Opaque is ignored silently', image: 'reg.io/app', secrets: [{ metadata: { name: 'o' }, type: 'Opaque', data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'reg.io': entry() } })) } }], expected: [] },
  { rule: 'type: kubernetes.io/dockercfg with `.dockercfg` (a flat map) counts', image: 'reg.io/app', secrets: [{ metadata: { name: 'cfg' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64(JSON.stringify({ 'https://reg.io': entry() })) } }], expected: [['cfg', 'https://reg.io']] },
  { rule: 'type: dockerconfigjson under `.dockercfg` is ignored', image: 'reg.io/app', secrets: [{ metadata: { name: 'x' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockercfg': b64(JSON.stringify({ 'reg.io': entry() })) } }], expected: [] },
  { rule: 'type: an empty `.dockerconfigjson` is ignored', image: 'reg.io/app', secrets: [{ metadata: { name: 'e' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': '' } }], expected: [] },
  { rule: 'type: no `auths` is a usable secret with no entries', image: 'reg.io/app', secrets: [{ metadata: { name: 'n' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"credsStore":"desktop"}') } }], expected: [] },
  { rule: 'decoding: field names match case-insensitively (encoding/json)', image: 'reg.io/app', secrets: [{ metadata: { name: 'c' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ Auths: { 'reg.io': { Username: 'u', Password: 'p' } } })) } }], expected: [['c', 'reg.io']] },
  { rule: 'keys Go cannot parse are skipped', image: 'reg.io/app', secrets: [dockerconfigjson('k', ['reg io', 'reg.io:port', 'reg.io'])], expected: [['k', 'reg.io']] },
];

describe('kubeletCredentials: the entries kubelet tries, in its order', () => {
  it.each(ROWS)('$rule', ({ image, secrets, expected }) => {
    expect(kubeletCredentials(image, secrets)).toEqual(expected.map(([secret, key]) => ({ secret, key })));
  });

  it('`auth` (padded or not) overrides username and password; identitytoken and registrytoken are ignored', () => {
    const auths = {
      'reg.io/padded': { username: 'ignored', password: 'ignored', auth: b64('robot:s3cr:et') },
      'reg.io/raw': { auth: b64('quay+robot:pw').replace(/=+$/, '') },
      'reg.io/fields': { username: 'alice', password: 'pw', identitytoken: 'id', registrytoken: 'rt' },
    };
    const reading = readPullSecret(dockerconfigjson('s', auths));
    expect(reading).toEqual({
      secret: 's',
      state: 'usable',
      entries: [
        { secret: 's', key: 'reg.io/padded', username: 'robot', password: 's3cr:et' },
        { secret: 's', key: 'reg.io/raw', username: 'quay+robot', password: 'pw' },
        { secret: 's', key: 'reg.io/fields', username: 'alice', password: 'pw' },
      ],
    });
    expect(lookupEntries('docker.io/library/nginx', [readPullSecret(dockerconfigjson('h', ['https://index.docker.io/v1/']))])[0]).toMatchObject({ fallback: true });
  });

  const broken: [what: string, json: string][] = [
    ['invalid JSON', '{"auths":'],
    ['`auth` that is not base64', JSON.stringify({ auths: { 'reg.io': { auth: 'no:t base64!' } } })],
    ['`auth` without a colon', JSON.stringify({ auths: { 'reg.io': { auth: b64('nocolon') } } })],
    ['a username that is a number', JSON.stringify({ auths: { 'reg.io': { username: 7 } } })],
    ['`auths` that is a list', JSON.stringify({ auths: ['reg.io'] })],
    ['a top level that is a string', '"reg.io"'],
  ];
  it.each(broken)('an unparsable secret (%s) fails the whole pull, as kubelet does', (_what, json) => {
    const bad: PullSecretObject = { metadata: { name: 'broken' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(json) } };
    expect(readPullSecret(bad).state).toBe('unparsable');
    expect(() => kubeletCredentials('reg.io/app', [dockerconfigjson('good', ['reg.io']), bad])).toThrow(expect.objectContaining({ reason: 'UnparsablePullSecret', secret: 'broken' }));
  });

  it('an unparsable secret is reported at its line and column, never with a byte of its password', () => {
    const password = 'QXW';
    const json = `{"auths":{"reg.io":{"username":"u","password":"${password}"x}}}`;
    const reading = readPullSecret({ metadata: { name: 'broken' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(json) } });
    expect(reading).toEqual({ secret: 'broken', state: 'unparsable', detail: 'line 1, column 52' });
    for (const character of password) expect(reading.state === 'unparsable' && reading.detail).not.toContain(character);
  });

  it('the probe image for a registry key is looked up as kubelet would look up that registry', () => {
    expect(registryProbeImage('https://index.docker.io/v1/')).toBe('index.docker.io/registry-desk-probe');
    expect(registryProbeImage('harbor.corp:8443/team')).toBe('harbor.corp:8443/team/registry-desk-probe');
    expect(registryProbeImage('https://127.0.0.1:5000')).toBe('127.0.0.1:5000/registry-desk-probe');
  });
});

describe("Go's path.Match, which kubelet applies to each host label", () => {
  const BAD = BAD_PATTERN;
  // Rows of Go's own src/path/filepath/match_test.go: (pattern, name) → matched, or ErrBadPattern.
  const GO_ROWS: [pattern: string, name: string, expected: boolean | typeof BAD_PATTERN][] = [
    ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'abc', true], ['a*', 'ab/c', false],
    ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true], ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
    ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
    ['a*b?c*x', 'abxbbxdbxebxczzx', true], ['a*b?c*x', 'abxbbxdbxebxczzy', false],
    ['ab[c]', 'abc', true], ['ab[b-d]', 'abc', true], ['ab[e-g]', 'abc', false], ['ab[^c]', 'abc', false], ['ab[^b-d]', 'abc', false], ['ab[^e-g]', 'abc', true],
    ['a\\*b', 'a*b', true], ['a\\*b', 'ab', false],
    ['a?b', 'a☺b', true], ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['a[^a][^a][^a]b', 'a☺b', false],
    ['[a-ζ]*', 'α', true], ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false], ['a*b', 'a/b', false],
    ['[\\]a]', ']', true], ['[\\-]', '-', true], ['[x\\-]', 'x', true], ['[x\\-]', '-', true], ['[x\\-]', 'z', false],
    ['[\\-x]', 'x', true], ['[\\-x]', '-', true], ['[\\-x]', 'a', false],
    ['[]a]', ']', BAD], ['[-]', '-', BAD], ['[x-]', 'x', BAD], ['[x-]', '-', BAD], ['[x-]', 'z', BAD], ['[-x]', 'x', BAD], ['[-x]', '-', BAD], ['[-x]', 'a', BAD],
    ['\\', 'a', BAD], ['[a-b-c]', 'a', BAD], ['[', 'a', BAD], ['[^', 'a', BAD], ['[^bc', 'a', BAD],
    ['a[', 'a', BAD], ['a[', 'ab', BAD], ['a[', 'x', BAD], ['a/b[', 'x', BAD], ['*x', 'xxx', true],
    // Checked against Go 1.19's path.Match: a bad chunk after a failed one is still ErrBadPattern, and a
    // star skips bytes, so `??` can match the two trailing bytes of a three-byte rune.
    ['a*[', 'b', BAD], ['x*\\', 'y', BAD], ['*??', '☺', true], ['[b-a]', 'a', false],
  ];
  it.each(GO_ROWS)('Match(%j, %j) = %s', (pattern, name, expected) => {
    expect(goPathMatch(pattern, name)).toBe(expected);
    expect(goGlobMatch(pattern, name)).toBe(expected === true);
  });

  it('does not backtrack: a crafted key against a long host finishes in milliseconds', () => {
    const host = `${'a'.repeat(200)}.example.com`;
    const keys = [`${'*a'.repeat(12)}*b.example.com`, `${'*a'.repeat(20)}*b.example.com`, `${'*a'.repeat(40)}*.example.com`];
    const secret = dockerconfigjson('crafted', keys);
    // This thread's CPU time, not the wall clock: a loaded machine deschedules the test for longer
    // than the bound, while a backtracking matcher would burn CPU for years.
    const started = process.threadCpuUsage();
    const found = kubeletCredentials(`${host}/team/app:1`, [secret]);
    const label = `${'*a'.repeat(30)}*b`;
    const long = goGlobMatch(label, 'a'.repeat(20_000));
    const used = process.threadCpuUsage(started);
    expect(found).toEqual([{ secret: 'crafted', key: keys[2] }]);
    expect(long).toBe(false);
    // Microseconds on an idle machine.
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });
});

describe('Manage access asks the same lookup whether a secret serves a registry', () => {
  // Where kubelet's rule differs from the exact key comparison this replaced, kubelet wins.
  it.each([
    ['a dockercfg secret counts', { metadata: { name: 'cfg' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64(JSON.stringify({ 'reg.io': entry() })) } }, 'reg.io', null],
    ['a `registry-1.docker.io` entry does not serve Docker Hub', dockerconfigjson('api', ['registry-1.docker.io']), 'https://index.docker.io/v1/', 'no-entry'],
    ['`docker.io` serves Docker Hub', dockerconfigjson('hub', ['docker.io']), 'https://index.docker.io/v1/', null],
    ['a host entry serves a registry URL with a path', dockerconfigjson('host', ['https://reg.io']), 'reg.io/team', null],
    ['a path entry does not serve the whole host', dockerconfigjson('path', ['reg.io/team']), 'reg.io', 'no-entry'],
    ['another port does not', dockerconfigjson('port', ['reg.io:5000']), 'reg.io', 'no-entry'],
    ['Opaque is the wrong type', { metadata: { name: 'o' }, type: 'Opaque', data: { token: 'eA==' } }, 'reg.io', 'wrong-type'],
  ] as const)('%s', (_rule, secret, serverKey, expected) => {
    expect(unusableReason(secret as PullSecretObject, serverKey)).toBe(expected);
  });
});
