import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_COLLECTIONS_TASK, recordCollectionCounts } from '@pams/server-admin';
import { Role } from '@pams/shared-util';
import { createDomainFixture, insertActivities, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { startTestRunner } from './support/job-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * PRODUCT.md "Never again": the old system went from 5,303 to 2,632 activities and nobody noticed. The
 * daily count check records every collection's count and tells the admins when one falls sharply.
 */

const THRESHOLDS = { dropPercent: 5, dropRows: 50 };
const COUNTS = `query($days: Int) { collectionCounts(days: $days) {
  dropPercent dropRows lastDay collections { collection label latest change sharpDrop points { day count } } } }`;

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;
let secondAdmin: SignedInUser;
let member: SignedInUser;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

const countNotices = (userId: string) =>
  sql<{ kind: string; subject: string; body: string; dedupe_key: string }>(`select kind, subject, body, dedupe_key from notification where user_id = ? and kind = 'COUNT_DROP' order by created_at`, [userId]);

async function liveActivities(): Promise<number> {
  const [row] = await sql<{ n: number }>('select count(*)::int as n from activity where deleted_at is null');
  return row.n;
}

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  admin = await signedInUser(app, { role: Role.ADMIN, name: 'Ada Admin' });
  secondAdmin = await signedInUser(app, { role: Role.ADMIN, name: 'Abe Admin' });
  member = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  await insertActivities(
    app.orm,
    Array.from({ length: 400 }, (_, i) => ({ ownerId: member.id, regionId: f.regions.south, date: `2026-05-${String((i % 28) + 1).padStart(2, '0')}` })),
  );
});

afterAll(async () => {
  await app?.close();
});

describe('the daily count check', () => {
  it('records every collection, tells each active admin once (in-app and mail) when one falls sharply, and nothing for a small fall', async () => {
    const first = await recordCollectionCounts(app.orm.em.fork(), THRESHOLDS, '2026-11-01');
    expect(first.counts.activities).toBe(await liveActivities());
    expect(first.counts.users).toBeGreaterThanOrEqual(3);
    expect(first.drops).toEqual([]);

    // One activity deleted: 0.25%, one row. Not sharp.
    await sql(`update activity set deleted_at = now() where id = (select id from activity where deleted_at is null order by id limit 1)`);
    const small = await recordCollectionCounts(app.orm.em.fork(), THRESHOLDS, '2026-11-02');
    expect(small.drops).toEqual([]);
    expect(await countNotices(admin.id)).toEqual([]);

    // Half of them gone overnight (the old system's 5,303 → 2,632).
    const before = await liveActivities();
    await sql(`update activity set deleted_at = now() where id in (select id from activity where deleted_at is null order by id limit ?)`, [Math.floor(before / 2)]);
    const after = await liveActivities();
    const sharp = await recordCollectionCounts(app.orm.em.fork(), THRESHOLDS, '2026-11-03');
    expect(sharp.drops).toEqual([{ collection: 'activities', label: 'Activities', since: '2026-11-02', before, after }]);
    expect(sharp.notified).toBe(2);
    for (const who of [admin, secondAdmin]) {
      const [notice, ...others] = await countNotices(who.id);
      expect(others).toEqual([]);
      expect(notice.subject).toBe(`Activities fell from ${before.toLocaleString('en-US')} to ${after.toLocaleString('en-US')}`);
      expect(notice.body).toContain(`Activities: ${before.toLocaleString('en-US')} on 2026-11-02 → ${after.toLocaleString('en-US')} on 2026-11-03`);
      expect(notice.dedupe_key).toBe('count-drop:2026-11-03');
    }
    const mails = await sql<{ to: string; subject: string }>(`select "to", subject from outbox_mail where subject like '[PAMS] Activities fell%' order by "to"`);
    expect(mails.map((m) => m.to).sort()).toEqual([admin.email, secondAdmin.email].sort());
    expect(await countNotices(member.id)).toEqual([]);

    // The job retried the same day: the day's counts are replaced, nobody is told twice.
    const again = await recordCollectionCounts(app.orm.em.fork(), THRESHOLDS, '2026-11-03');
    expect(again.drops).toHaveLength(1);
    expect(again.notified).toBe(0);
    expect(await countNotices(admin.id)).toHaveLength(1);
    const [day3] = await sql<{ n: number }>(`select count(*)::int as n from collection_count where day = '2026-11-03'`);
    expect(day3.n).toBe(Object.keys(sharp.counts).length);
  });

  it('counts a fall of more than the row threshold as sharp even when it is a small share', async () => {
    const many = await recordCollectionCounts(app.orm.em.fork(), { dropPercent: 90, dropRows: 10 }, '2026-11-04');
    expect(many.drops).toEqual([]);
    await sql(`update activity set deleted_at = now() where id in (select id from activity where deleted_at is null order by id limit 11)`);
    const fell = await recordCollectionCounts(app.orm.em.fork(), { dropPercent: 90, dropRows: 10 }, '2026-11-05');
    expect(fell.drops.map((d) => [d.collection, d.before - d.after])).toEqual([['activities', 11]]);
  });

  it('runs as the nightly job on the queue', async () => {
    const runner = await startTestRunner(app);
    try {
      const [job] = await sql<{ id: string }>(`select (graphile_worker.add_job(?, '{}'::json, max_attempts => 1)).id::text as id`, [COUNT_COLLECTIONS_TASK]);
      const outcome = await runner.nextOutcome((j) => j.id === job.id);
      expect(outcome.error).toBeFalsy();
    } finally {
      await runner.stop();
    }
    const today = new Date().toISOString().slice(0, 10);
    const rows = await sql<{ collection: string; count: number }>(`select collection, count from collection_count where day = ?::date`, [today]);
    expect(rows.find((r) => r.collection === 'activities')?.count).toBe(await liveActivities());
  });

  it('shows admins the history with the last change and whether it was sharp; refuses others and bad input', async () => {
    const { collectionCounts: report } = await admin.client.data(COUNTS, { days: 366 });
    expect(report.dropPercent).toBe(5);
    expect(report.dropRows).toBe(50);
    const activities = report.collections.find((c: { collection: string }) => c.collection === 'activities');
    expect(activities.label).toBe('Activities');
    expect(activities.points.map((p: { day: string }) => p.day).slice(0, 5)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(activities.latest).toBe(await liveActivities());
    expect(report.collections.map((c: { collection: string }) => c.collection)).toEqual([
      'activities', 'accounts', 'projects', 'outcomes', 'users', 'regions', 'salesReps', 'products', 'industries', 'useCases', 'currencyRates',
    ]);

    const { collectionCounts: lastTwo } = await admin.client.data(COUNTS, { days: 2 });
    expect(lastTwo.lastDay).toBe(report.lastDay);
    for (const series of lastTwo.collections) expect(series.points.length).toBeLessThanOrEqual(2);

    expect((await member.client.query(COUNTS, { days: 30 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const bad = await admin.client.query(COUNTS, { days: 0 });
    expect(bad.errors?.[0]).toMatchObject({ message: '"days" must be from 1 to 366, not 0.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
