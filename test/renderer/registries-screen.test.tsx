// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../shared/errors';
import { failure, installFakeApi, ok, type FakeApi } from './fake-api';
import { AccessStateSchema, AccessStatusSchema, ContextStatusStateSchema } from '../../shared/access-contract';
import { defaultAccessSettings } from '../../shared/access-settings';
import { RegistryViewSchema, type RegistryView } from '../../shared/schemas';
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
    expect(await screen.findByRole('button', { name: 'More actions for Docker Hub' })).toBeTruthy();
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
    await user.click(await screen.findByRole('button', { name: 'More actions for Docker Hub' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete registry?' });
    expect(await within(dialog).findByRole('alert')).toBeTruthy();

    fake.answer({ 'registries:list': () => ok([]) });
    await user.click(within(dialog).getByRole('button', { name: 'Confirm delete' }));

    expect(await screen.findByRole('heading', { name: 'No container registries yet' })).toBeTruthy();
    expect(fake.requestsTo('registries:delete')).toEqual([{ id: DOCKER.id }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the registry list\'s "In clusters" column', () => {
  const withSettings: RegistryView = RegistryViewSchema.parse({ ...DOCKER, access: { ...defaultAccessSettings(DOCKER.name, DOCKER.id), contexts: ['prod'] } });

  it('says "not checked yet" before any check, and takes the worst state of the last check, never green over a forbidden namespace', async () => {
    const zero = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, 0]));
    const counts = { ...zero(AccessStateSchema.options), 'in-sync': 3, forbidden: 1 };
    const report = AccessStatusSchema.parse({
      registryId: DOCKER.id,
      configured: true,
      checkedAt: new Date().toISOString(),
      contexts: [{ context: 'prod', state: 'checked', counts, worst: 'forbidden', problems: 1, rows: [] }],
      counts,
      clusters: { ...zero(ContextStatusStateSchema.options), checked: 1 },
    });
    await showRegistries(installFakeApi({ ...startAnswers([withSettings]), 'access:status': () => ok(report) }));
    const cell = await screen.findByTestId('cluster-health');
    expect(cell.textContent).toBe('1 cluster · not checked yet');
    expect(cell.dataset.tone).toBe('neutral');

    const { useAccessStatusStore } = await import('../../renderer/data/access-status');
    await useAccessStatusStore.getState().check(DOCKER.id);
    await vi.waitFor(() => expect(screen.getByTestId('cluster-health').textContent).toBe('1 cluster · 1 forbidden'));
    expect(screen.getByTestId('cluster-health').dataset.tone).toBe('error');
  });
});
