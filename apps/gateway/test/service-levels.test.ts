import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** P-018: the admin Health page's service levels, measured by the gateway as it answers. */

const LEVELS = `query { serviceLevels { windowMinutes since objectives { key label unit threshold current samples met } minutes { minute operations errorRatePercent activitiesP95Ms } } }`;

let app: TestApp;
let admin: SignedInUser;
let member: SignedInUser;

beforeAll(async () => {
  app = await startTestApp({ SLO_WINDOW_MINUTES: '10', SLO_ACTIVITIES_P95_MS: '60000', SLO_ERROR_RATE_PERCENT: '2.5' });
  admin = await signedInUser(app, { role: Role.ADMIN });
  member = await signedInUser(app, { role: Role.MEMBER });
});

afterAll(async () => {
  await app?.close();
});

describe('service levels', () => {
  it('counts activities queries for the latency objective and only server faults as errors', async () => {
    const before = (await admin.client.data(LEVELS)).serviceLevels;
    expect(before.windowMinutes).toBe(10);
    const p95Before = before.objectives.find((o: { key: string }) => o.key === 'activitiesP95');
    expect(p95Before).toMatchObject({ threshold: 60000, unit: 'ms', label: 'p95 latency of activities queries' });

    for (let i = 0; i < 5; i++) await member.client.data(`query { activities(month: "2026-03") { month } }`);
    // Refused input is the caller's mistake, not a fault of ours: it counts as an operation, not an error.
    const refused = await member.client.query(`query($m: String!) { activities(month: $m) { month } }`, { m: 5 });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await member.client.data(`query { viewer { id } }`);

    const after = (await admin.client.data(LEVELS)).serviceLevels;
    const p95 = after.objectives.find((o: { key: string }) => o.key === 'activitiesP95');
    expect(p95.samples - p95Before.samples).toBe(5);
    expect(p95.current).toBeGreaterThan(0);
    expect(p95.met).toBe(true);
    const errors = after.objectives.find((o: { key: string }) => o.key === 'errorRate');
    expect(errors).toMatchObject({ threshold: 2.5, unit: '%', current: 0, met: true });
    expect(errors.samples).toBeGreaterThanOrEqual(8);
    expect(after.minutes).toHaveLength(60);
    expect(after.minutes.at(-1).operations).toBeGreaterThan(0);
  });

  it('says an objective is missed when the value passes its threshold', async () => {
    const strict = await startTestApp({ SLO_ACTIVITIES_P95_MS: '1' });
    try {
      const a = await signedInUser(strict, { role: Role.ADMIN });
      // The first queries of a fresh gateway take longer than a millisecond.
      for (let i = 0; i < 3; i++) await a.client.data(`query { activities(month: "2026-03") { month } }`);
      const { serviceLevels } = await a.client.data(LEVELS);
      expect(serviceLevels.objectives.find((o: { key: string }) => o.key === 'activitiesP95')).toMatchObject({ threshold: 1, met: false });
    } finally {
      await strict.close();
    }
  });

  it('is for admins only', async () => {
    expect((await member.client.query(LEVELS)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
