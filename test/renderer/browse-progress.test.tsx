// @vitest-environment happy-dom
// A filtered listing reads many registry pages in one call (up to 20); main reports how far it has
// read (`event:browse-progress`) and "Reading…" shows it, for the listing being filled only; the
// repositories then shown are counted.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import type { RepositoriesPage } from '../../shared/registry-browser-contract';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const TEAM = registryView('Team', 'reg_0000000000000002');
const OTHER = registryView('Other', 'reg_0000000000000003');

beforeEach(() => vi.resetModules());
afterEach(() => cleanup());

async function openBrowser(language: 'en' | 'zh-CN') {
  const { useLanguagePreference } = await import('../../renderer/i18n/language-preference');
  useLanguagePreference.setState({ choice: language, systemLanguage: 'en' });
  let answer: (page: Result<RepositoriesPage>) => void = () => undefined;
  const fake = installFakeApi({ ...startAnswers([TEAM, OTHER]), 'browse:repositories': () => new Promise((resolve) => (answer = resolve)) });
  const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
  const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
  render(<RegistryBrowserScreen />);
  act(() => useBrowserStore.getState().chooseRegistry(TEAM.id));
  await screen.findByRole('status');
  return { fake, useBrowserStore, answer: (page: Result<RepositoriesPage>) => answer(page) };
}

describe('progress of a long listing', () => {
  it('shows the pages and names read so far, for this registry’s repositories only, then counts what is shown', async () => {
    const { fake, useBrowserStore, answer } = await openBrowser('en');
    fake.emit('event:browse-progress', { registryId: OTHER.id, listing: 'repositories', pages: 9, names: 900 });
    fake.emit('event:browse-progress', { registryId: TEAM.id, listing: 'tags', pages: 7, names: 700 });
    expect(screen.getByRole('status').textContent).toContain('Reading…');
    expect(screen.getByRole('status').textContent).not.toContain('700');
    fake.emit('event:browse-progress', { registryId: TEAM.id, listing: 'repositories', pages: 3, names: 300 });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('Reading… 3 pages and 300 names read so far.'));
    answer(ok({ outcome: 'page', source: 'catalog', repositories: ['team/app', 'team/api'], next: null, requests: 4 }));
    await screen.findByText('2 repositories shown');
    expect(screen.queryByRole('status')).toBeNull();
    expect(useBrowserStore.getState().progress).toBeNull();
  });

  it('says it in Chinese too', async () => {
    const { fake, answer } = await openBrowser('zh-CN');
    fake.emit('event:browse-progress', { registryId: TEAM.id, listing: 'repositories', pages: 12, names: 1200 });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('正在读取…已读取 12 页、1200 个名称。'));
    answer(ok({ outcome: 'page', source: 'catalog', repositories: ['team/app'], next: null, requests: 13 }));
    await screen.findByText('已显示 1 个仓库');
  });
});
