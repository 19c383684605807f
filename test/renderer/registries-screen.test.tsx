// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../shared/errors';
import { failure, installFakeApi, ok, type FakeApi } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const DOCKER = registryView('Docker Hub', 'reg_0000000000000001', true);
const NOT_REACHED: AppError = { code: 'internal', message: 'no cluster in this test' };

let stop: () => void = () => undefined;

beforeEach(() => vi.resetModules());
afterEach(() => {
  cleanup();
  stop();
});

/** The registries screen after app start, against the fake main. */
async function showRegistries(fake: FakeApi) {
  const { startApp } = await import('../../renderer/app/start');
  const { RegistriesScreen } = await import('../../renderer/features/registries/RegistriesScreen');
  stop = startApp();
  render(<RegistriesScreen />);
  return fake;
}

describe('the registries screen against a fake window.api', () => {
  it('adds a Docker Hub registry only once the form holds what it needs', async () => {
    const user = userEvent.setup();
    const fake = await showRegistries(installFakeApi({ ...startAnswers([]), 'registries:create': () => ok(DOCKER) }));
    await user.click((await screen.findAllByRole('button', { name: 'Add container registry' }))[0]!);
    await user.click(screen.getByRole('radio', { name: 'Docker' }));
    await user.type(screen.getByLabelText('Name', { exact: true }), 'Docker Hub');
    await user.type(screen.getByLabelText('Username', { exact: true }), 'octocat');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Password/Token', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(fake.requestsTo('registries:create')).toEqual([]);

    fake.answer({ 'registries:list': () => ok([DOCKER]) });
    await user.type(screen.getByLabelText('Password/Token', { exact: true }), 'dckr_pat_fake');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(fake.requestsTo('registries:create')).toHaveLength(1));
    expect(fake.requestsTo('registries:create')[0]?.input).toMatchObject({ type: 'docker', name: 'Docker Hub', username: 'octocat', password: 'dckr_pat_fake' });
    expect(await screen.findByRole('button', { name: 'Edit Docker Hub' })).toBeTruthy();
  });

  it('deletes a registry after the confirmation, even when its clusters cannot be checked', async () => {
    const user = userEvent.setup();
    const fake = await showRegistries(
      installFakeApi({
        ...startAnswers([DOCKER]),
        'access:preview-cleanup': () => failure(NOT_REACHED),
        'registries:delete': ({ id }) => ok({ id }),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Delete Docker Hub' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete registry?' });
    expect(await within(dialog).findByRole('alert')).toBeTruthy();

    fake.answer({ 'registries:list': () => ok([]) });
    await user.click(within(dialog).getByRole('button', { name: 'Confirm delete' }));

    expect(await screen.findByRole('heading', { name: 'No container registries yet' })).toBeTruthy();
    expect(fake.requestsTo('registries:delete')).toEqual([{ id: DOCKER.id }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
