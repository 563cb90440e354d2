import { describe, expect, it } from 'vitest';
import { createIntentPrefetch } from './intent-prefetch.js';

function setup() {
  let clock = 0;
  const idle: (() => void)[] = [];
  const calls: string[] = [];
  let fail = false;
  const onIntent = createIntentPrefetch({
    minIntervalMs: 1000,
    now: () => clock,
    whenIdle: (task) => idle.push(task),
    prefetch: async (remote, href) => {
      calls.push(`${remote} ${href}`);
      if (fail) throw new Error('offline');
    },
  });
  return {
    onIntent,
    calls,
    advance: (ms: number) => (clock += ms),
    runIdle: async () => {
      for (const task of idle.splice(0)) task();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    failNext: () => (fail = true),
  };
}

describe('intent prefetch', () => {
  it('waits for idle time, then prefetches', async () => {
    const t = setup();
    t.onIntent('activities', '/activities');
    expect(t.calls).toEqual([]);
    await t.runIdle();
    expect(t.calls).toEqual(['activities /activities']);
  });

  it('prefetches one link at most once per interval, each link on its own', async () => {
    const t = setup();
    t.onIntent('activities', '/activities');
    t.onIntent('activities', '/activities');
    t.onIntent('activities', '/activities?scope=REGION');
    await t.runIdle();
    expect(t.calls).toEqual(['activities /activities', 'activities /activities?scope=REGION']);
    t.advance(999);
    t.onIntent('activities', '/activities');
    await t.runIdle();
    expect(t.calls).toHaveLength(2);
    t.advance(1);
    t.onIntent('activities', '/activities');
    await t.runIdle();
    expect(t.calls).toHaveLength(3);
  });

  it('tries again on the next intent after a failure', async () => {
    const t = setup();
    t.failNext();
    t.onIntent('activities', '/activities');
    await t.runIdle();
    t.onIntent('activities', '/activities');
    await t.runIdle();
    expect(t.calls).toHaveLength(2);
  });
});
