// The session parts of the registry browser that need no registry: the per-registry limit on
// requests in flight, the page trail that catches a `Link` loop across calls, and the bounded
// cache of platform images by digest.
import { describe, expect, it } from 'vitest';
import { createInFlightLimit } from '../../main/registry-http/in-flight-limit';
import { createPageTrail } from '../../main/registry-browser/page-trail';
import { failureOf } from '../support/failure-of';

/** A job that stays open until `finish` is called, noting the peak of jobs open at once. */
function jobs() {
  let open = 0;
  let peak = 0;
  const finishers: (() => void)[] = [];
  return {
    job: () => {
      open += 1;
      peak = Math.max(peak, open);
      return new Promise<void>((resolve) => finishers.push(() => ((open -= 1), resolve())));
    },
    finishOne: () => finishers.shift()?.(),
    get open() {
      return open;
    },
    get peak() {
      return peak;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('in-flight limit', () => {
  it('runs at most its places at once, the rest in arrival order as places free', async () => {
    const limit = createInFlightLimit(3);
    const tracked = jobs();
    const order: number[] = [];
    const signal = new AbortController().signal;
    const all = Array.from({ length: 8 }, (_, index) => limit.run(signal, () => (order.push(index), tracked.job())));
    await settle();
    expect(tracked.open).toBe(3);
    while (order.length < 8 || tracked.open > 0) {
      tracked.finishOne();
      await settle();
      expect(tracked.open).toBeLessThanOrEqual(3);
    }
    await Promise.all(all);
    expect(tracked.peak).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('lets a cancelled waiter leave the queue without running, and gives its place to the next', async () => {
    const limit = createInFlightLimit(1);
    const tracked = jobs();
    const first = limit.run(new AbortController().signal, tracked.job);
    const cancel = new AbortController();
    let cancelledRan = false;
    const cancelled = limit.run(cancel.signal, async () => void (cancelledRan = true));
    const third = limit.run(new AbortController().signal, tracked.job);
    cancel.abort();
    await expect(cancelled).rejects.toThrow();
    tracked.finishOne();
    await first;
    await settle();
    expect(tracked.open).toBe(1);
    tracked.finishOne();
    await third;
    expect(cancelledRan).toBe(false);
  });

  it('frees its place when a job fails', async () => {
    const limit = createInFlightLimit(1);
    const signal = new AbortController().signal;
    await expect(limit.run(signal, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(signal, () => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe('page trail', () => {
  it('catches A → B → A across calls, each of which read one page', async () => {
    const trail = createPageTrail();
    trail.follow('tags x', undefined, '/v2/x/tags/list?n=2&last=a');
    trail.follow('tags x', '/v2/x/tags/list?n=2&last=a', '/v2/x/tags/list?n=2&last=b');
    const failure = await failureOf(Promise.resolve().then(() => trail.follow('tags x', '/v2/x/tags/list?n=2&last=b', '/v2/x/tags/list?n=2&last=a')));
    expect(failure).toMatchObject({ code: 'browse.linkLoop', params: { url: '/v2/x/tags/list' } });
  });

  it('takes the same walk again from the start, two walks at once, and the same cursor in another listing', () => {
    const trail = createPageTrail();
    const pages = ['p1', 'p2', 'p3', 'p4'];
    for (let round = 0; round < 2; round += 1) pages.forEach((page, at) => trail.follow('catalog', pages[at - 1], page));
    // Two walkers interleaved on one listing.
    trail.follow('catalog', undefined, 'p1');
    trail.follow('catalog', undefined, 'p1');
    trail.follow('catalog', 'p1', 'p2');
    trail.follow('catalog', 'p1', 'p2');
    trail.follow('tags y', undefined, 'p2');
    trail.follow('tags y', 'p2', 'p1');
  });

  it('stays bounded, and walking back always ends', () => {
    const trail = createPageTrail(100);
    for (let page = 1; page < 1000; page += 1) trail.follow('long', page === 1 ? undefined : String(page - 1), String(page));
    expect(() => trail.follow('long', '999', '950')).toThrow();
  });
});
