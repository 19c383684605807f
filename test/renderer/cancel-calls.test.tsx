// @vitest-environment happy-dom
// Long calls the window stops go through the one mechanism: the call carries a callId, and
// stopping sends `ipc:cancel` with that id (main then aborts the call's cluster requests).
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessStatus } from '../../shared/access-contract';
import type { Result } from '../../shared/errors';
import type { FindResult } from '../../shared/pull-doctor-contract';
import { failure, installFakeApi, ok, type FakeApi } from './fake-api';
import { registryView, startAnswers } from './fixtures';

const DOCKER = registryView('Docker Hub', 'reg_0000000000000001', true);
const QUAY = registryView('Quay', 'reg_0000000000000002');
const CANCELLED = failure({ code: 'ipc.cancelled', message: 'The request was cancelled.' });

let stop: () => void = () => undefined;

beforeEach(() => vi.resetModules());
afterEach(() => {
  cleanup();
  stop();
});

/** Answers that wait until the test (or a cancel) settles them, as a slow cluster would. */
function pending<T>() {
  const waiting: ((answer: Result<T>) => void)[] = [];
  return {
    answer: () => new Promise<Result<T>>((resolve) => waiting.push(resolve)),
    settle: (index: number, answer: Result<T>) => waiting[index]!(answer),
  };
}

/** Main as it answers `ipc:cancel`: the call with that id ends as cancelled. */
function cancelling(fake: FakeApi, settle: (index: number, answer: Result<never>) => void, channel: 'pull-doctor:find' | 'access:status') {
  fake.answer({
    'ipc:cancel': ({ callId }) => {
      const index = fake.calls.filter((call) => call.channel === channel).findIndex((call) => call.callId === callId);
      if (index < 0) return ok({ cancelled: false });
      settle(index, CANCELLED);
      return ok({ cancelled: true });
    },
  });
}

const callIdsOf = (fake: FakeApi, channel: string) => fake.calls.filter((call) => call.channel === channel).map((call) => call.callId);

describe('stopping a long call', () => {
  it("the pull doctor's Stop cancels the search in main by its callId, and shows no error for it", async () => {
    const user = userEvent.setup();
    const finds = pending<FindResult>();
    const fake = installFakeApi({ ...startAnswers([DOCKER]), 'pull-doctor:find': finds.answer });
    cancelling(fake, finds.settle, 'pull-doctor:find');
    const { startApp } = await import('../../renderer/app/start');
    const { navigate } = await import('../../renderer/data/navigation');
    const { usePullDoctorStore } = await import('../../renderer/features/pull-doctor/pull-doctor-store');
    const { PullDoctorScreen } = await import('../../renderer/features/pull-doctor/PullDoctorScreen');
    stop = startApp();
    navigate({ screen: 'pull-doctor', prefill: { contexts: ['alpha'], namespaces: [] } });
    render(<PullDoctorScreen />);

    await user.click(await screen.findByRole('button', { name: 'Stop searching' }));

    const [findId] = callIdsOf(fake, 'pull-doctor:find');
    expect(findId).toEqual(expect.any(String));
    expect(fake.requestsTo('ipc:cancel')).toEqual([{ callId: findId }]);
    await vi.waitFor(() => expect(usePullDoctorStore.getState().finding).toBe(false));
    expect(usePullDoctorStore.getState().findError).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop searching' })).toBeNull();
    expect(screen.queryByText('The request was cancelled.')).toBeNull();
  });

  it("a newer status check cancels the older one in main, and leaving the registry cancels the newer", async () => {
    const checks = pending<AccessStatus>();
    const fake = installFakeApi({ ...startAnswers([DOCKER, QUAY]), 'access:status': checks.answer });
    cancelling(fake, checks.settle, 'access:status');
    const { useAccessStatusStore } = await import('../../renderer/data/access-status');
    const status = useAccessStatusStore.getState();

    const first = status.check(DOCKER.id);
    const second = status.check(QUAY.id);
    await first;
    const [firstId, secondId] = callIdsOf(fake, 'access:status');
    expect(fake.requestsTo('ipc:cancel')).toEqual([{ callId: firstId }]);
    expect(useAccessStatusStore.getState().report).toMatchObject({ status: 'loading', error: null });

    status.clear();
    await second;
    expect(fake.requestsTo('ipc:cancel')).toEqual([{ callId: firstId }, { callId: secondId }]);
    expect(useAccessStatusStore.getState().report).toEqual({ status: 'idle', data: null, error: null });
  });
});
