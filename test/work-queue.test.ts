import { describe, expect, it } from 'vitest';
import { IDLE_FORGET_MS, WorkQueue } from '../src/work-queue.ts';

const block = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
};

describe('WorkQueue', () => {
  it('runs jobs one at a time, in order, and lets timers fire between blocking jobs', async () => {
    const q = new WorkQueue();
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    const a = q.reserve().run(() => (block(20), order.push('a'), 'A'));
    const b = q.reserve().run(() => (block(20), order.push('b'), 'B'));
    expect(q.size).toBe(2);
    expect(await Promise.all([a, b])).toEqual(['A', 'B']);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('timer')).toBeLessThan(order.indexOf('b'));
    expect(q.size).toBe(0);
  });

  it('counts a reserved place until it is run or cancelled, and a failing job does not stop the queue', async () => {
    const q = new WorkQueue();
    const slot = q.reserve();
    expect(q.size).toBe(1);
    slot.cancel();
    slot.cancel();
    expect(q.size).toBe(0);
    await expect(
      q.reserve().run(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await q.reserve().run(() => 7)).toBe(7);
    expect(q.size).toBe(0);
  });

  it('says when a job accepted now would be done, at the pace of the recent jobs', async () => {
    const q = new WorkQueue();
    expect(q.expectedMs()).toBe(0); // nothing known yet: no wait foreseen
    await q.reserve().run(() => block(30));
    expect(q.jobMs).toBeGreaterThanOrEqual(30);
    expect(q.expectedMs()).toBe(q.jobMs); // idle: just its own run
    const a = q.reserve().run(() => block(30));
    const b = q.reserve().run(() => block(30));
    expect(q.expectedMs()).toBe(3 * q.jobMs); // two ahead, then its own
    await Promise.all([a, b]);
    // idle for a while: the next burst may be of another kind, its own jobs set the pace
    await new Promise((r) => setTimeout(r, IDLE_FORGET_MS + 50));
    expect(q.expectedMs()).toBe(0);
  });
});
