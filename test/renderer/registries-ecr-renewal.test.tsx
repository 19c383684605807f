// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RegistryRefreshSchema, type RegistryRefresh } from '../../shared/access-contract';
import { RegistryViewSchema, type Language } from '../../shared/schemas';
import { installFakeApi, ok } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const ECR = RegistryViewSchema.parse({
  ...registryView('Team ECR', 'reg_0000000000000002'),
  type: 'ecr',
  url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
  username: 'AKIAFAKEFAKEFAKEFAKE',
  secrets: ['secretAccessKey'],
  storedSecrets: { password: false, secretAccessKey: true, serviceAccountJson: false },
  ecrRegion: 'eu-west-1',
  ecrAccountId: '123456789012',
});

// 11 h 5 min and 30 s ahead: the column reads "11 h 5 min" even if its 30-second clock ticks once while the test runs.
const RENEWS_IN = (11 * 3600 + 5 * 60 + 30) * 1000;

let stop: () => void = () => undefined;

beforeEach(() => vi.resetModules());
afterEach(() => {
  cleanup();
  stop();
});

/** The registries screen in `language`, main reporting this ECR registry's token renewal. */
async function showRenewal(language: Language, refresh: Omit<RegistryRefresh, 'registryId' | 'contexts' | 'lastRefreshAt'>) {
  const entry = RegistryRefreshSchema.parse({ registryId: ECR.id, contexts: [], lastRefreshAt: null, ...refresh });
  installFakeApi({
    ...startAnswers([ECR]),
    'preferences:get': () => ok({ language }),
    'access:refresh-state': () => ok({ registries: [entry], stopsWhenAppCloses: true, now: new Date().toISOString() }),
  });
  const { startApp } = await import('../../renderer/app/start');
  const { RegistriesScreen } = await import('../../renderer/features/registries/RegistriesScreen');
  stop = startApp();
  render(<RegistriesScreen />);
}

describe('the "In clusters" column of an ECR registry', () => {
  it.each([
    ['en', 'No clusters · ECR token renews in 11 h 5 min'],
    ['zh-CN', 'ECR 令牌将在 11 小时 5 分钟后续期'],
  ] as const)('says when the token is next renewed (%s)', async (language, expected) => {
    await showRenewal(language, { state: 'scheduled', nextRefreshAt: new Date(Date.now() + RENEWS_IN).toISOString() });
    await vi.waitFor(() => expect(screen.getByTestId('cluster-health').textContent).toContain(expected));
    expect(screen.getByTestId('cluster-health').dataset.tone).toBe('neutral');
  });

  it.each([
    ['en', 'ECR token renewal failed', 'renews in'],
    ['zh-CN', 'ECR 令牌续期失败', '后续期'],
  ] as const)('says the renewal failed, in the error tone, once the token could not be renewed (%s)', async (language, expected, notShown) => {
    await showRenewal(language, {
      state: 'failed',
      nextRefreshAt: null,
      lastError: { code: 'ecr-auth', message: 'AWS refused the access key.' },
    });
    await vi.waitFor(() => expect(screen.getByTestId('cluster-health').textContent).toContain(expected));
    expect(screen.getByTestId('cluster-health').textContent).not.toContain(notShown);
    expect(screen.getByTestId('cluster-health').dataset.tone).toBe('error');
  });
});
