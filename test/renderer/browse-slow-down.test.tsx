// @vitest-environment happy-dom
// A registry answering 429 makes a browse call wait the Retry-After it asked for; main says so
// (`event:browse-wait`) and the screen shows the wait instead of a "Reading…" that seems stuck.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import type { RepositoriesPage } from '../../shared/registry-browser-contract';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const QUAY = registryView('Quay', 'reg_0000000000000002');
const OTHER = registryView('Other', 'reg_0000000000000003');

beforeEach(() => vi.resetModules());
afterEach(() => cleanup());

describe('a registry that asks the browser to slow down', () => {
  it('shows how long the call waits and for which host, for the registry being browsed only, until the page arrives', async () => {
    let answer: (page: Result<RepositoriesPage>) => void = () => undefined;
    const fake = installFakeApi({ ...startAnswers([QUAY, OTHER]), 'browse:repositories': () => new Promise((resolve) => (answer = resolve)) });
    const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
    const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
    render(<RegistryBrowserScreen />);
    useBrowserStore.getState().chooseRegistry(QUAY.id);
    expect(await screen.findByRole('status')).toHaveProperty('textContent', expect.stringContaining('Reading…'));

    fake.emit('event:browse-wait', { registryId: OTHER.id, host: 'other.example', seconds: 9 });
    expect(useBrowserStore.getState().slowDown).toBeNull();
    fake.emit('event:browse-wait', { registryId: QUAY.id, host: 'quay.io', seconds: 3 });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('Waiting 3 s: quay.io asked us to slow down (HTTP 429)…'));

    answer(ok({ outcome: 'page', source: 'catalog', repositories: ['team/app'], next: null, requests: 3 }));
    await screen.findByText('team/app');
    expect(screen.queryByRole('status')).toBeNull();
    expect(useBrowserStore.getState().slowDown).toBeNull();
  });
});
