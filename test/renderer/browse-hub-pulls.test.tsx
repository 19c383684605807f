// @vitest-environment happy-dom
// A Docker Hub image opens by HEAD (no pull): its digest at once, and a button that reads the
// platforms only when pressed, saying it uses Docker Hub pulls and how many are left — and once
// read, how many the Hub reported left after the read's GETs.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageDetail, PullAllowance } from '../../shared/registry-browser-contract';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const HUB = registryView('Docker Hub', 'reg_0000000000000001');
const DIGEST = `sha256:${'b'.repeat(64)}`;
const REPORTED: PullAllowance = { state: 'reported', limit: 100, remaining: 96, windowSeconds: 21_600, source: 'c0ffee' };
/** What the read's GETs reported: each used a pull. */
const spent = (allowance: PullAllowance): PullAllowance => (allowance.state === 'reported' ? { ...allowance, remaining: allowance.remaining - 2 } : allowance);

const detail = (readManifests: boolean, allowance: PullAllowance): ImageDetail => ({
  repository: 'octocat/app',
  reference: 'v1',
  pullName: 'docker.io/octocat/app',
  digest: DIGEST,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  kind: 'index',
  manifestSize: 0,
  platforms: readManifests ? [{ platform: 'linux/arm64', digest: `sha256:${'c'.repeat(64)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 2048, created: null }] : [],
  annotations: {},
  signature: 'none-found',
  attestation: 'none-found',
  requests: readManifests ? 4 : 2,
  hubPulls: { allowance: readManifests ? spent(allowance) : allowance, manifests: readManifests ? 'read' : 'unread' },
});

beforeEach(() => vi.resetModules());
afterEach(() => cleanup());

async function openImage(allowance: PullAllowance, language: 'en' | 'zh-CN') {
  const { useLanguagePreference } = await import('../../renderer/i18n/language-preference');
  useLanguagePreference.setState({ choice: language, systemLanguage: 'en' });
  const fake = installFakeApi({
    ...startAnswers([HUB]),
    'browse:repositories': () => ok({ outcome: 'page', source: 'docker-hub', repositories: ['octocat/app'], next: null, requests: 1 }),
    'browse:tags': () => ok({ tags: [{ name: 'v1', pushedAt: null }], next: null, requests: 1, timeOrder: 'server' }),
    'browse:image': (request) => ok(detail(request.readManifests === true, allowance)),
  });
  const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
  const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
  render(<RegistryBrowserScreen />);
  act(() => useBrowserStore.getState().openAt({ registryId: HUB.id, repository: 'octocat/app', reference: 'v1' }));
  return fake;
}

describe('a Docker Hub image in the registry browser', () => {
  it('shows the digest at once and reads the platforms only when asked, saying the pulls left', async () => {
    const fake = await openImage(REPORTED, 'en');
    const button = await screen.findByRole('button', { name: 'Read platforms and sizes (uses Docker Hub pulls, 96 left)' });
    expect(document.querySelector('.browse-facts')?.textContent).toContain(DIGEST);
    expect(screen.getByText('Index (platforms not read yet)')).toBeTruthy();
    expect(screen.queryByTestId('browse-platforms')).toBeNull();
    expect(fake.requestsTo('browse:image')).toEqual([{ registryId: HUB.id, repository: 'octocat/app', reference: 'v1' }]);
    fireEvent.click(button);
    await screen.findByTestId('browse-platforms');
    expect(fake.requestsTo('browse:image').at(-1)).toEqual({ registryId: HUB.id, repository: 'octocat/app', reference: 'v1', readManifests: true });
    expect(screen.getByTestId('browse-hub-pulls').textContent).toBe('Read with manifest GETs: Docker Hub reports 94 pulls left for this login after it.');
  });

  it('says the pulls left in Chinese, and "unknown" when the Hub did not report them', async () => {
    await openImage(REPORTED, 'zh-CN');
    await screen.findByRole('button', { name: '读取平台和大小（消耗 Docker Hub 拉取次数，剩 96 次）' });
    cleanup();
    vi.resetModules();
    await openImage({ state: 'not-reported', status: 200 }, 'zh-CN');
    await screen.findByRole('button', { name: '读取平台和大小（消耗 Docker Hub 拉取次数，剩余次数未知）' });
  });
});
