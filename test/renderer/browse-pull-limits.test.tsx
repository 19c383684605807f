// @vitest-environment happy-dom
// Docker Hub's pulls left, for the saved login and anonymously, checked when asked; the line says
// the check (a HEAD) spends no pull. Only a Docker Hub registry offers it.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PullLimits } from '../../shared/registry-browser-contract';
import { RegistryViewSchema } from '../../shared/schemas';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const HUB = registryView('Docker Hub', 'reg_0000000000000001');
const TEAM = RegistryViewSchema.parse({ ...registryView('Team', 'reg_0000000000000002'), type: 'other', url: 'https://registry.example.com' });
const LIMITS: PullLimits = {
  probe: 'ratelimitpreview/test:latest',
  login: { state: 'reported', limit: 100, remaining: 96, windowSeconds: 21_600, source: 'c0ffee' },
  anonymous: { state: 'reported', limit: 100, remaining: 87, windowSeconds: 21_600, source: '192.0.2.7' },
};
const page = ok({ outcome: 'page' as const, source: 'docker-hub' as const, repositories: [], next: null, requests: 1 });

beforeEach(() => vi.resetModules());
afterEach(() => cleanup());

async function openBrowser(registryId: string, limits: PullLimits = LIMITS, language: 'en' | 'zh-CN' = 'en') {
  // Imported after resetModules: the screen reads this same (fresh) store.
  const { useLanguagePreference } = await import('../../renderer/i18n/language-preference');
  useLanguagePreference.setState({ choice: language, systemLanguage: 'en' });
  const fake = installFakeApi({ ...startAnswers([HUB, TEAM]), 'browse:repositories': () => page, 'browse:pull-limits': () => ok(limits) });
  const { useBrowserStore } = await import('../../renderer/features/registry-browser/browser-store');
  const { RegistryBrowserScreen } = await import('../../renderer/features/registry-browser/RegistryBrowserScreen');
  render(<RegistryBrowserScreen />);
  act(() => useBrowserStore.getState().chooseRegistry(registryId));
  return fake;
}

describe('Docker Hub pull limits in the registry browser', () => {
  it('shows both allowances and says the HEAD spent no pull, only once asked', async () => {
    const fake = await openBrowser(HUB.id);
    const card = await screen.findByTestId('browse-pull-limits');
    expect(fake.requestsTo('browse:pull-limits')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Check pulls left' }));
    await vi.waitFor(() => expect(screen.getAllByTestId('pull-limit').map((line) => line.textContent)).toEqual(['96 of 100 per 6 h (this login)', '87 of 100 per 6 h (anonymous)']));
    expect(card.textContent).toContain('Checked with a HEAD of ratelimitpreview/test:latest, which does not count as a pull.');
    expect(fake.requestsTo('browse:pull-limits')).toEqual([{ registryId: HUB.id }]);
  });

  it('says when the Hub reported nothing, in Chinese too', async () => {
    await openBrowser(HUB.id, { ...LIMITS, login: { state: 'not-reported', status: 401 } }, 'zh-CN');
    fireEvent.click(await screen.findByRole('button', { name: '检查剩余拉取次数' }));
    await vi.waitFor(() => expect(screen.getAllByTestId('pull-limit').map((line) => line.textContent)).toEqual(['此登录：未报告（HTTP 401）', '匿名：每 6 小时 100 次，剩 87 次']));
    expect(screen.getByTestId('browse-pull-limits').textContent).toContain('HEAD 不计为一次拉取');
  });

  it('is not offered for a registry that is not Docker Hub', async () => {
    await openBrowser(TEAM.id);
    // The registries have loaded (their types are known) and the listing has arrived.
    await screen.findByText(/^This registry lists no repositories for this login./);
    expect(screen.getByRole('option', { name: 'Team' })).toHaveProperty('selected', true);
    expect(screen.queryByTestId('browse-pull-limits')).toBeNull();
  });
});
