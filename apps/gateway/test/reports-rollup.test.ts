import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '@pams/server-activities';
import { Role } from '@pams/shared-util';
import { createDomainFixture, signedInUser, type DomainFixture } from './support/domain-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { classRollupsFromRaw, INSERT_ACTIVITY_COLUMNS, prng, randomActivityValues, rollupRows, rollupsFromRaw, type RollupWorld } from './support/report-fixtures.js';
import { parseCrontab } from 'graphile-worker';
import { enqueueJob } from '@pams/server-jobs';
import { schedules } from '@pams/gateway';
import { startTestRunner } from './support/job-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * The report rollups are kept by triggers in the same transaction as each change. Whatever mix of
 * creates, edits, date moves, soft and hard deletes, rolled-back and concurrent transactions reaches
 * the activity table, the rollups must equal the GROUP BY of the activity table itself.
 */
let app: TestApp;
let fixture: DomainFixture;
let world: RollupWorld;
let url: string;

beforeAll(async () => {
  app = await startTestApp();
  fixture = await createDomainFixture(app.orm);
  const owners = await Promise.all(
    [fixture.regions.south, fixture.regions.sea, fixture.regions.mena, fixture.regions.south].map(async (regionId) => ({
      id: (await signedInUser(app, { role: Role.MEMBER, regionIds: [regionId] })).id,
      regionId,
    })),
  );
  world = {
    owners,
    projects: [
      { projectId: fixture.solo.projectId, accountId: fixture.solo.accountId },
      { projectId: fixture.multi.projectIds[0], accountId: fixture.multi.accountId },
      { projectId: fixture.multi.projectIds[1], accountId: fixture.multi.accountId },
    ],
    bareAccountId: fixture.bare.accountId,
    months: ['2026-01', '2026-02', '2026-03', '2025-12'],
  };
  url = app.orm.config.get('clientUrl')!;
  const conn = app.orm.em.fork().getConnection();
  classes = {
    industries: [fixture.industries.retail, fixture.industries.banking, null],
    salesReps: [...((await conn.execute('select id from sales_rep')) as { id: string }[]).map((r) => r.id), null],
    useCases: [...fixture.useCaseIds, null],
    accounts: [fixture.solo.accountId, fixture.multi.accountId, fixture.bare.accountId],
  };
});

/** What accounts and projects can be re-classified to (null: unclassified). */
let classes: { industries: (string | null)[]; salesReps: (string | null)[]; useCases: (string | null)[]; accounts: string[] };

afterAll(async () => {
  await app?.close();
});

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function insertRandom(client: pg.Client, rnd: ReturnType<typeof prng>, count: number): Promise<void> {
  const rows = Array.from({ length: count }, () => [randomUUID(), 1, new Date(), new Date(), ...randomActivityValues(world, rnd)]);
  const width = rows[0].length;
  const placeholders = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  await client.query(`insert into activity (${INSERT_ACTIVITY_COLUMNS}) values ${placeholders.join(', ')}`, rows.flat());
}

async function someIds(client: pg.Client, rnd: ReturnType<typeof prng>, max: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>('select id from activity order by md5(id::text || $1) limit $2', [String(rnd.next()), 1 + rnd.int(max)]);
  return rows.map((r) => r.id);
}

/** One random change, through plain SQL as any write path (API, import, COPY, a DBA) would reach the table. */
async function randomChange(client: pg.Client, rnd: ReturnType<typeof prng>): Promise<void> {
  const kind = rnd.int(12);
  if (kind <= 1) return insertRandom(client, rnd, 1 + rnd.int(6));
  switch (kind) {
    case 9: // an account moves to another industry (or none: its industry was merged away)
      await client.query(`update account set industry_id = $2 where id = $1`, [rnd.pick(classes.accounts), rnd.pick(classes.industries)]);
      return;
    case 10: // accounts get another sales rep, several in one statement
      await client.query(`update account set sales_rep_id = $2 where id = any($1)`, [[rnd.pick(classes.accounts), rnd.pick(classes.accounts)], rnd.pick(classes.salesReps)]);
      return;
    case 11: // a project's primary use case changes
      await client.query(`update project set primary_use_case_id = $2 where id = $1`, [rnd.pick(world.projects).projectId, rnd.pick(classes.useCases)]);
      return;
  }
  const ids = await someIds(client, rnd, 4);
  if (ids.length === 0) return insertRandom(client, rnd, 3);
  switch (kind) {
    case 2: // a date moves to another month (B-002)
      await client.query(`update activity set date = $2::date, version = version + 1 where id = any($1)`, [ids, `${rnd.pick(world.months)}-15`]);
      return;
    case 3: // effort edited, days <-> hours
      await client.query(`update activity set effort_days = null, effort_half_hours = $2 where id = any($1)`, [ids, rnd.int(48)]);
      return;
    case 4: // soft delete, or undo one
      await client.query(`update activity set deleted_at = case when deleted_at is null then now() else null end where id = any($1)`, [ids]);
      return;
    case 5:
      await client.query(`delete from activity where id = any($1)`, [ids]);
      return;
    case 6: { // another owner and region
      const owner = rnd.pick(world.owners);
      await client.query(`update activity set owner_id = $2, region_id = $3 where id = any($1)`, [ids, owner.id, owner.regionId]);
      return;
    }
    case 7: { // another project of an external activity
      const target = rnd.pick(world.projects);
      await client.query(`update activity set account_id = $2, project_id = $3 where id = any($1) and category = 'EXTERNAL'`, [ids, target.accountId, target.projectId]);
      return;
    }
    default: // an edit that changes no rollup key
      await client.query(`update activity set name = name where id = any($1)`, [ids]);
  }
}

async function expectRollupsExact(): Promise<void> {
  const { detail, region, stored, storedRegion } = await rollupsFromRaw(app.orm);
  expect(stored).toEqual(detail);
  expect(storedRegion).toEqual(region);
  for (const { table, raw, stored: storedClass } of await classRollupsFromRaw(app.orm)) expect(storedClass, table).toEqual(raw);
}

describe('report rollups', () => {
  const seed = Number(process.env.ROLLUP_SEED ?? 20261204);

  it(`equal the activity table after random changes (seed ${seed})`, async () => {
    const rnd = prng(seed);
    await withClient(async (client) => {
      for (let round = 0; round < 12; round++) {
        for (let i = 0; i < 25; i++) await randomChange(client, rnd);
        await expectRollupsExact();
        // Folding the deltas in changes nothing a report reads.
        if (round % 3 === 2) {
          await client.query('select pams_activity_rollup_compact()');
          expect(await rollupRows(app.orm, 'activity_rollup_delta')).toBe(0);
          await expectRollupsExact();
        }
      }
    });
    const { detail } = await rollupsFromRaw(app.orm);
    // The run really exercised the rollups: many keys, in several months.
    expect(detail.length).toBeGreaterThan(30);
  });

  it('follow the ORM write path (flush) and ignore rolled-back transactions', async () => {
    const before = await rollupsFromRaw(app.orm);
    await withClient(async (client) => {
      await client.query('begin');
      await insertRandom(client, prng(7), 20);
      await client.query(`update activity set date = '2026-03-02'`);
      await client.query('rollback');
    });
    expect(await rollupsFromRaw(app.orm)).toEqual(before);

    await asSystem(async () => {
      const em = app.orm.em.fork();
      const activity = await em.findOneOrFail(Activity, { deletedAt: null }, { orderBy: { id: 'asc' } });
      activity.date = '2025-12-31';
      activity.effortDays = 3;
      activity.effortHalfHours = null;
      await em.flush();
    });
    await expectRollupsExact();
  });

  it('stay exact under concurrent transactions that commit out of order, with compaction between', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }));
    try {
      await Promise.all(clients.map((c) => c.query('begin')));
      // Interleaved writes on the same rollup keys from four open transactions: writers only append
      // deltas, so none waits for another.
      for (let step = 0; step < 5; step++) {
        await Promise.all(clients.map((c, i) => insertRandom(c, prng(1000 + step * 10 + i), 3)));
        if (step === 2) await withClient((c) => c.query('select pams_activity_rollup_compact()'));
      }
      await clients[2].query('rollback');
      await clients[3].query('commit');
      // Compaction while two transactions are still open folds only what is committed.
      await withClient((c) => c.query('select pams_activity_rollup_compact()'));
      await expectRollupsExact();
      for (const i of [0, 1]) await clients[i].query('commit');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    await expectRollupsExact();
    await withClient((c) => c.query('select pams_activity_rollup_compact()'));
    expect(await rollupRows(app.orm, 'activity_rollup_delta')).toBe(0);
    await expectRollupsExact();
  });

  it('are folded by the scheduled compaction job, which the gateway schedules every minute', async () => {
    // The gateway's crontab is one graphile-worker accepts (npm start would fail otherwise).
    expect(parseCrontab(schedules()).map((item) => item.task)).toContain('reports:compact-rollups');
    await withClient((client) => insertRandom(client, prng(99), 10));
    expect(await rollupRows(app.orm, 'activity_rollup_delta')).toBeGreaterThan(0);
    const runner = await startTestRunner(app);
    try {
      const jobId = await app.orm.em.fork().transactional((em) => enqueueJob(em, 'reports:compact-rollups', {}));
      const outcome = await runner.nextOutcome((job) => job.id === jobId);
      expect(outcome.error).toBeFalsy();
    } finally {
      await runner.stop();
    }
    expect(await rollupRows(app.orm, 'activity_rollup_delta')).toBe(0);
    await expectRollupsExact();
  });

  it('move an account\'s figures when it is re-classified while a compaction runs, and refuse a stricter isolation', async () => {
    await withClient((client) => insertRandom(client, prng(4242), 30));
    const reclassifier = new pg.Client({ connectionString: url });
    await reclassifier.connect();
    try {
      await reclassifier.query('begin');
      // Whatever the random changes left, the industry surely changes.
      await reclassifier.query('update account set industry_id = case when industry_id = $2 then $3::uuid else $2::uuid end where id = $1', [
        fixture.solo.accountId, fixture.industries.banking, fixture.industries.retail,
      ]);
      // The re-classification holds the compactor's lock until it commits: a compaction now folds nothing.
      expect((await withClient((c) => c.query<{ moved: number }>('select pams_activity_rollup_compact() as moved'))).rows[0].moved).toBe(0);
      await reclassifier.query('commit');
    } finally {
      await reclassifier.end();
    }
    await expectRollupsExact();
    expect((await withClient((c) => c.query<{ moved: number }>('select pams_activity_rollup_compact() as moved'))).rows[0].moved).toBeGreaterThan(0);
    await expectRollupsExact();

    // Under REPEATABLE READ the move could miss a fold committed after the snapshot: refused, nothing changed.
    await withClient(async (client) => {
      await client.query('begin isolation level repeatable read');
      await expect(client.query('update account set industry_id = case when industry_id = $2 then $3::uuid else $2::uuid end where id = $1', [
        fixture.solo.accountId, fixture.industries.banking, fixture.industries.retail,
      ])).rejects.toThrow(/READ COMMITTED/);
      await client.query('rollback');
      // A rename changes no classification and is fine at any isolation level.
      await client.query('begin isolation level repeatable read');
      await client.query(`update account set name = name || '' where id = $1`, [fixture.solo.accountId]);
      await client.query('commit');
    });
    await expectRollupsExact();
  });

  it('follow deleted industries and accounts (their figures become unclassified)', async () => {
    await withClient(async (client) => {
      await insertRandom(client, prng(77), 40);
      await client.query('select pams_activity_rollup_compact()');
      await insertRandom(client, prng(78), 10);
      // Deleting an industry sets its accounts' industry to null (ON DELETE SET NULL): an update of account.
      await client.query('delete from industry where id = $1', [fixture.industries.banking]);
      await expectRollupsExact();
      // Deleting an account sets its activities' account to null; folded and unfolded figures follow.
      await client.query('delete from account where id = $1', [fixture.bare.accountId]);
      await expectRollupsExact();
      await client.query('select pams_activity_rollup_compact()');
      await expectRollupsExact();
    });
    const [{ n }] = (await app.orm.em.fork().getConnection().execute(
      `select count(*)::int as n from activity_rollup_industry where industry_id is null`,
    )) as { n: number }[];
    expect(n).toBeGreaterThan(0);
  });

  it('are emptied with the activity table (truncate)', async () => {
    await withClient((client) => client.query('truncate activity'));
    for (const table of ['activity_rollup', 'activity_rollup_region', 'activity_rollup_delta', 'activity_rollup_industry', 'activity_rollup_sales_rep', 'activity_rollup_use_case']) {
      expect(await rollupRows(app.orm, table)).toBe(0);
    }
  });
});
