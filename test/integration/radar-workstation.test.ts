// The radar's workstation finding: registries whose password sits in plain text in this
// workstation's docker config.json and containers auth.json, read by the Workstation tools' own
// reader — counted per registry with the files named, never the password, and unchanged by the
// scan.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { radarReportCsv, radarReportJson } from '../../shared/radar-report-files';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

const HUB_PASSWORD = `hub-${randomBytes(8).toString('hex')}`;
const PASSWORD = `lab-${randomBytes(8).toString('hex')}`;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const home = mkdtempSync(join(tmpdir(), 'rd-radar-workstation-'));
const dockerConfig = join(home, '.docker', 'config.json');
const authFile = join(home, '.config', 'containers', 'auth.json');
let app: AccessFixture;
let report: RadarReport;
let before: string[];

beforeAll(async () => {
  mkdirSync(join(home, '.docker'), { recursive: true });
  mkdirSync(join(home, '.config', 'containers'), { recursive: true });
  // As docker login writes them: Docker Hub under its v1 key with `auth`; another with user and password; a helper-kept one empty.
  writeFileSync(dockerConfig, JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64(`octo:${HUB_PASSWORD}`) }, 'registry.example:5000': { username: 'lab', password: PASSWORD }, 'quay.io': {} }, credHelpers: { 'quay.io': 'registry-desk' } }, null, '\t'));
  writeFileSync(authFile, JSON.stringify({ auths: { 'registry.example:5000': { auth: b64(`lab:${PASSWORD}`) } } }, null, 2));
  before = [readFileSync(dockerConfig, 'utf8'), readFileSync(authFile, 'utf8')];
  app = createAccessFixture({ keychainService: `registry-desk-radar-ws-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [join(home, 'no-kubeconfig')], workstation: { env: {}, home, platform: 'linux' } });
  const answer = await app.ipc.invoke('radar:scan', { contexts: [] });
  if (!answer.ok) throw new Error(answer.error.message);
  report = answer.value;
});

afterAll(async () => {
  await app?.close();
});

describe('plain-text logins on the workstation', () => {
  it('names each registry whose password a tool file holds in plain text, with the files, one entry per registry', () => {
    expect(report.workstationPlainText).toEqual([
      { registry: 'docker.io', files: [dockerConfig] },
      { registry: 'registry.example:5000', files: [dockerConfig, authFile] },
    ]);
  });

  it('never carries a password, in the answer or in the saved report, and leaves the files as they were', () => {
    for (const text of [JSON.stringify(report), radarReportJson(report), radarReportCsv(report), app.logLines.join('\n')]) {
      for (const secret of [HUB_PASSWORD, PASSWORD, b64(`octo:${HUB_PASSWORD}`), b64(`lab:${PASSWORD}`)]) expect(text).not.toContain(secret);
    }
    expect(radarReportCsv(report)).toContain(`workstation,,,registry.example:5000,,,warn,plainText,,${dockerConfig}; ${authFile}`);
    expect([readFileSync(dockerConfig, 'utf8'), readFileSync(authFile, 'utf8')]).toEqual(before);
  });
});
