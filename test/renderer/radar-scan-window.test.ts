// @vitest-environment happy-dom
// The expiry window the operator picks in the radar's filters is the one the scan uses: main marks
// "soon" and words its desktop notice by it. With no window picked, main's default applies.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failure, installFakeApi } from './fake-api';

beforeEach(() => vi.resetModules());

describe('the radar scan request', () => {
  it('carries the chosen expiry window, and none when "any time" is chosen', async () => {
    const fake = installFakeApi({ 'radar:scan': () => failure({ code: 'cluster.unreachable', message: 'stop here' }) });
    const { useRadarStore } = await import('../../renderer/features/radar/radar-store');
    useRadarStore.getState().setFilters({ windowDays: 7 });
    await useRadarStore.getState().scan();
    useRadarStore.getState().setFilters({ windowDays: null });
    await useRadarStore.getState().scan();
    const requests = fake.requestsTo('radar:scan');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ expiryWindowDays: 7 });
    expect(requests[1]).not.toHaveProperty('expiryWindowDays');
  });
});
