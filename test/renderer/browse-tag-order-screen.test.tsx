// @vitest-environment happy-dom
// ECR reports push times but DescribeImages has no order for them: "Newest first" sorts the tags
// loaded so far and the screen says so, rather than passing them off as the repository's newest.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TagsPage, TagsRequest } from '../../shared/registry-browser-contract';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const ECR = registryView('ECR', 'reg_0000000000000004');
// In DescribeImages' own order, which is not by time; the next page never arrives, so more remain.
const PAGE: TagsPage = {
  tags: [
    { name: 'b', pushedAt: '2026-11-02T00:00:00.000Z' },
    { name: 'a', pushedAt: '2026-11-03T00:00:00.000Z' },
    { name: 'c', pushedAt: '2026-11-01T00:00:00.000Z' },
  ],
  next: 'more-of-them',
  requests: 1,
  timeOrder: 'loaded',
};

beforeEach(() => vi.resetModules());
afterEach(() => cleanup());

describe('newest first where the registry cannot order by time', () => {
  it('asks main for the time order, sorts the loaded tags newest first and says it sorted only those', async () => {
    const fake = installFakeApi({ ...startAnswers([ECR]), 'browse:repositories': () => ok({ outcome: 'page', source: 'ecr', repositories: ['team/app'], next: null, requests: 1 }), 'browse:tags': (request) => (request.cursor ? new Promise(() => undefined) : ok(PAGE)) });
    const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
    const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
    render(<RegistryBrowserScreen />);
    useBrowserStore.getState().chooseRegistry(ECR.id);
    useBrowserStore.getState().openRepository('team/app');
    const list = await screen.findByRole('list', { name: 'Tags of team/app' });
    await vi.waitFor(() => expect(within(list).getAllByRole('button').map((button) => button.textContent)).toEqual(['b', 'a', 'c']));
    expect(screen.queryByText(/Sorted within/)).toBeNull();
    // A push time reads relative ("… ago"), the exact time in the element's dateTime and on hover.
    const pushed = list.querySelector('time[datetime="2026-11-02T00:00:00.000Z"]');
    expect(pushed?.textContent).toMatch(/^(last \w+|\d+ \w+ ago)$/);
    expect(pushed?.getAttribute('title')).toMatch(/2026/);

    await userEvent.selectOptions(screen.getByLabelText('Order'), 'time');
    await vi.waitFor(() => expect(within(screen.getByRole('list', { name: 'Tags of team/app' })).getAllByRole('button').map((button) => button.textContent)).toEqual(['a', 'b', 'c']));
    expect(screen.getByText(/^Sorted within the 3 loaded tags/)).toBeTruthy();
    // Each listing's first page, then its next page asked in the same order.
    expect(fake.requestsTo('browse:tags').map((request: TagsRequest) => `${request.order} ${request.cursor ?? 'first'}`)).toEqual(['name first', 'name more-of-them', 'time first', 'time more-of-them']);
  });

  it('sorts the loaded pages by name where the registry sends its own order, and says it sorted only those', async () => {
    // Each page by name from main, but page two holds names that sort before page one's.
    const pages: Record<string, TagsPage> = {
      first: { tags: [{ name: 'r10', pushedAt: null }, { name: 'r2', pushedAt: null }], next: 'two', requests: 1, timeOrder: 'loaded', nameOrder: 'loaded' },
      two: { tags: [{ name: 'r0', pushedAt: null }, { name: 'r1', pushedAt: null }], next: 'three', requests: 1, timeOrder: 'loaded', nameOrder: 'loaded' },
    };
    installFakeApi({ ...startAnswers([ECR]), 'browse:repositories': () => ok({ outcome: 'page', source: 'ecr', repositories: ['team/app'], next: null, requests: 1 }), 'browse:tags': (request) => (request.cursor === 'three' ? new Promise(() => undefined) : ok(pages[request.cursor ?? 'first']!)) });
    const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
    const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
    render(<RegistryBrowserScreen />);
    useBrowserStore.getState().chooseRegistry(ECR.id);
    useBrowserStore.getState().openRepository('team/app');
    await vi.waitFor(() => expect(within(screen.getByRole('list', { name: 'Tags of team/app' })).getAllByRole('button').map((button) => button.textContent)).toEqual(['r0', 'r1', 'r10', 'r2']));
    expect(screen.getByText(/^Sorted by name within the 4 loaded tags/)).toBeTruthy();
  });
});
