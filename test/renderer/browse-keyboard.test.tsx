// @vitest-environment happy-dom
// The browser by keyboard: arrows move through the repositories and the (virtual) tags, Enter
// opens, Escape goes back a level with the focus on the row it was left from, "/" goes to the
// level's filter. The e2e spec presses the same keys in Chromium; this pins the behaviour fast.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageDetail } from '../../shared/registry-browser-contract';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const TEAM = registryView('Team', 'reg_0000000000000007');
const TAGS = Array.from({ length: 60 }, (_, index) => `v${String(index).padStart(2, '0')}`);
const image = (reference: string): ImageDetail => ({
  repository: 'team/app',
  reference,
  pullName: 'registry.example/team/app',
  digest: `sha256:${'a'.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  kind: 'image',
  manifestSize: 400,
  platforms: [],
  annotations: {},
  signature: 'none-found',
  attestation: 'none-found',
  requests: 1,
});

beforeEach(() => vi.resetModules());
afterEach(() => cleanup());

async function openBrowser() {
  installFakeApi({
    ...startAnswers([TEAM]),
    'browse:repositories': () => ok({ outcome: 'page', source: 'catalog', repositories: ['infra/proxy', 'team/app', 'web/blog'], next: null, requests: 1 }),
    'browse:tags': () => ok({ tags: TAGS.map((name) => ({ name, pushedAt: null })), next: null, requests: 1, timeOrder: 'unavailable' }),
    'browse:image': (request) => ok(image(request.reference)),
  });
  const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
  const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
  render(<RegistryBrowserScreen />);
  useBrowserStore.getState().chooseRegistry(TEAM.id);
  const repositories = await screen.findByRole('list', { name: 'Repositories' });
  await within(repositories).findByText('web/blog');
  return { useBrowserStore, repositories };
}

const focused = () => document.activeElement?.textContent;

describe('the registry browser by keyboard', () => {
  it('is one tab stop per list; arrows, Home and End move, Enter opens, Escape goes back to the row it left', async () => {
    const { useBrowserStore, repositories } = await openBrowser();
    // One tab stop: the first name; the others are reached with the arrows.
    expect(within(repositories).getAllByRole('button').map((button) => button.tabIndex)).toEqual([0, -1, -1]);
    within(repositories).getByRole('button', { name: 'infra/proxy' }).focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(focused()).toBe('team/app');
    await userEvent.keyboard('{End}');
    expect(focused()).toBe('web/blog');
    await userEvent.keyboard('{Home}{ArrowRight}');
    expect(focused()).toBe('team/app');
    expect(within(repositories).getAllByRole('button').map((button) => button.tabIndex)).toEqual([-1, 0, -1]);

    await userEvent.keyboard('{Enter}');
    const tags = await screen.findByRole('list', { name: 'Tags of team/app' });
    // The name that had the focus is gone: the first tag takes it.
    await vi.waitFor(() => expect(focused()).toBe('v00'));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(focused()).toBe('v02');
    expect(within(tags).getAllByRole('button').filter((button) => button.tabIndex === 0).map((button) => button.textContent)).toEqual(['v02']);
    // End goes to the last loaded tag, a row that was not in the page until the list scrolled to it.
    await userEvent.keyboard('{End}');
    await vi.waitFor(() => expect(focused()).toBe('v59'));
    await userEvent.keyboard('{ArrowUp}{Enter}');
    await screen.findByRole('heading', { name: 'team/app:v58' });
    expect(useBrowserStore.getState().level).toBe('image');

    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(focused()).toBe('v58'));
    expect(useBrowserStore.getState().level).toBe('tags');
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(focused()).toBe('team/app'));
    expect(useBrowserStore.getState().level).toBe('repositories');
  });

  it('"/" goes to the level’s filter; keys typed in a field stay there', async () => {
    const { useBrowserStore } = await openBrowser();
    await userEvent.keyboard('/');
    const filter = screen.getByRole('searchbox', { name: 'Filter' });
    expect(document.activeElement).toBe(filter);
    await userEvent.keyboard('web/{Escape}');
    // Typed into the filter, not taken as shortcuts; Escape in a field leaves the level alone.
    expect(filter).toHaveProperty('value', 'web/');
    expect(useBrowserStore.getState().level).toBe('repositories');
  });
});
