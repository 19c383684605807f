// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../shared/errors';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { failure, installFakeApi, ok, type FakeApi } from './fake-api';
import { contextList, registryView, startAnswers } from './fixtures';

const DOCKER = registryView('Docker Hub', 'reg_0000000000000001', true);
const REFUSED: AppError = { code: 'internal', message: 'refused by the test' };

let stop: () => void = () => undefined;

// Every test starts the app afresh: new stores, as in a new window.
beforeEach(() => vi.resetModules());
afterEach(() => stop());

async function startWith(fake: FakeApi) {
  const { startApp } = await import('../../renderer/app/start');
  const { useRegistriesStore } = await import('../../renderer/data/registries');
  const { useContextsStore } = await import('../../renderer/data/contexts');
  stop = startApp();
  await vi.waitFor(() => {
    expect(useRegistriesStore.getState().list.status).toBe('ready');
    expect(useContextsStore.getState().contexts.status).toBe('ready');
  });
  return fake;
}

describe('navigate(): one request from anywhere to a screen', () => {
  it("opens a registry's Manage access at the preview of settings another screen prefilled", async () => {
    const fake = await startWith(
      installFakeApi({ ...startAnswers([DOCKER]), 'registries:get': () => ok(DOCKER), 'access:preview': () => failure(REFUSED) }),
    );
    const { navigate, useNavigationStore } = await import('../../renderer/data/navigation');
    const { useAccessFormStore } = await import('../../renderer/features/access/access-form-store');
    const { useAccessViewStore } = await import('../../renderer/features/access/access-view-store');
    const prefill: AccessSettings = { ...defaultAccessSettings(DOCKER.name, DOCKER.id), contexts: ['alpha'] };

    navigate({ screen: 'access', registryId: DOCKER.id, tab: 'plan', prefill });

    expect(useNavigationStore.getState().screen).toBe('access');
    expect(useAccessViewStore.getState().tab).toBe('plan');
    expect(useAccessFormStore.getState().registry?.id).toBe(DOCKER.id);
    expect(useAccessFormStore.getState().draft).toEqual(prefill);
    await vi.waitFor(() => expect(fake.requestsTo('access:preview')).toEqual([{ registryId: DOCKER.id, settings: prefill }]));
  });

  it('sends the operator to the pull doctor, which looks where it was told at once', async () => {
    const fake = await startWith(installFakeApi({ ...startAnswers([DOCKER]), 'pull-doctor:find': () => failure(REFUSED) }));
    const { navigate, useNavigationStore } = await import('../../renderer/data/navigation');
    const { usePullDoctorStore } = await import('../../renderer/features/pull-doctor/pull-doctor-store');

    navigate({ screen: 'pull-doctor', registryId: DOCKER.id, prefill: { contexts: ['alpha'], namespaces: ['team-01'] } });

    expect(useNavigationStore.getState().screen).toBe('pull-doctor');
    expect(usePullDoctorStore.getState().namespacesText).toBe('team-01');
    await vi.waitFor(() => expect(fake.requestsTo('pull-doctor:find')).toEqual([{ contexts: ['alpha'], namespaces: ['team-01'], registryId: DOCKER.id }]));
    await vi.waitFor(() => expect(usePullDoctorStore.getState().findError).toMatchObject(REFUSED));
  });

  it('only shows the screen when the request names nothing in it', async () => {
    const fake = await startWith(installFakeApi(startAnswers([DOCKER])));
    const { navigate, useNavigationStore } = await import('../../renderer/data/navigation');
    const { useAccessFormStore } = await import('../../renderer/features/access/access-form-store');

    navigate({ screen: 'access' });

    expect(useNavigationStore.getState().screen).toBe('access');
    expect(useAccessFormStore.getState().registry).toBeNull();
    expect(fake.calls.map((call) => call.channel)).not.toContain('registries:get');
  });
});

describe('where the operator came from', () => {
  it('remembers the screen whose link opened this one, and goes back to it', async () => {
    await startWith(installFakeApi({ ...startAnswers([DOCKER]), 'pull-doctor:find': () => failure(REFUSED) }));
    const { navigate, useNavigationStore } = await import('../../renderer/data/navigation');
    useNavigationStore.getState().open('pull-doctor');
    expect(useNavigationStore.getState()).toMatchObject({ screen: 'pull-doctor', from: null });

    navigate({ screen: 'access' });
    expect(useNavigationStore.getState()).toMatchObject({ screen: 'access', from: 'pull-doctor' });
    navigate({ screen: 'access' });
    expect(useNavigationStore.getState().from).toBe('pull-doctor');

    useNavigationStore.getState().back();
    expect(useNavigationStore.getState()).toMatchObject({ screen: 'pull-doctor', from: null });
  });

  it('forgets the way back when the operator picks a screen in the sidebar', async () => {
    await startWith(installFakeApi(startAnswers([DOCKER])));
    const { navigate, useNavigationStore } = await import('../../renderer/data/navigation');
    navigate({ screen: 'access' });
    expect(useNavigationStore.getState().from).toBe('registries');
    useNavigationStore.getState().open('import-export');
    expect(useNavigationStore.getState()).toMatchObject({ screen: 'import-export', from: null });
  });
});

describe('the shared state, started once by the app', () => {
  it('follows the kubeconfig from app start, before any screen that shows contexts has opened', async () => {
    const fake = await startWith(installFakeApi(startAnswers([])));
    const { useContextsStore } = await import('../../renderer/data/contexts');
    expect(useContextsStore.getState().contexts.data?.currentContext).toBeNull();

    fake.answer({ 'clusters:list': () => ok(contextList('kind-a')) });
    fake.emit('event:kubeconfig-changed', { files: ['/home/op/.kube/config'] });

    await vi.waitFor(() => expect(useContextsStore.getState().contexts.data?.currentContext).toBe('kind-a'));
  });

  it('keeps the registries it had when a refresh fails, says why, and is ready again once dismissed', async () => {
    const fake = await startWith(installFakeApi(startAnswers([DOCKER])));
    const { useRegistriesStore, selectRegistries } = await import('../../renderer/data/registries');

    fake.answer({ 'registries:list': () => failure(REFUSED) });
    await useRegistriesStore.getState().load();

    expect(useRegistriesStore.getState().list).toMatchObject({ status: 'failed', error: REFUSED });
    expect(selectRegistries(useRegistriesStore.getState())).toEqual([DOCKER]);
    useRegistriesStore.getState().dismissError();
    expect(useRegistriesStore.getState().list).toEqual({ status: 'ready', data: [DOCKER], error: null });
  });
});
