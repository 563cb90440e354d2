import type { MikroORM } from '@mikro-orm/postgresql';
import { ActivityType, CallType, categoryOf, EXTERNAL_TYPES, INTERNAL_TYPES } from '@pams/shared-util';

/** A small seeded PRNG (mulberry32): a failing property run can be replayed from its seed. */
export function prng(seed: number): { next(): number; int(max: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (max) => Math.floor(next() * max), pick: (items) => items[Math.floor(next() * items.length)] };
}

export interface RollupWorld {
  owners: { id: string; regionId: string }[];
  /** Projects with their accounts; one account without projects. */
  projects: { projectId: string; accountId: string }[];
  bareAccountId: string;
  months: string[];
}

/** One random activity row as SQL values (written with plain SQL: the rollup must follow every write path). */
export function randomActivityValues(world: RollupWorld, rnd: ReturnType<typeof prng>): unknown[] {
  const owner = rnd.pick(world.owners);
  const external = rnd.next() < 0.6;
  const type = external ? rnd.pick(EXTERNAL_TYPES) : rnd.pick(INTERNAL_TYPES);
  const target = external ? (rnd.next() < 0.85 ? rnd.pick(world.projects) : { accountId: world.bareAccountId, projectId: null }) : null;
  const day = String(1 + rnd.int(28)).padStart(2, '0');
  const days = rnd.next() < 0.3 ? rnd.int(5) : null;
  return [
    owner.id,
    rnd.next() < 0.1 ? null : owner.regionId,
    `${rnd.pick(world.months)}-${day}`,
    categoryOf(type as ActivityType),
    type,
    target?.accountId ?? null,
    target?.projectId ?? null,
    days,
    days === null ? rnd.int(17) : null,
    type === ActivityType.CUSTOMER_CALL ? rnd.pick(Object.values(CallType)) : null,
    categoryOf(type as ActivityType) === 'INTERNAL' ? 'Random work' : null,
  ];
}

export const INSERT_ACTIVITY_COLUMNS =
  'id, version, created_at, updated_at, owner_id, region_id, date, category, type, account_id, project_id, effort_days, effort_half_hours, call_type, name';

/** The rollups as the activity table says they should be (detail, region), beside what they hold (stored, storedRegion). */
export async function rollupsFromRaw(orm: MikroORM): Promise<{ detail: string[]; region: string[]; stored: string[]; storedRegion: string[] }> {
  const conn = orm.em.fork().getConnection();
  const raw = (keys: string) =>
    `select ${keys}, count(*)::int as n, sum(coalesce(effort_days, 0))::int as d, sum(coalesce(effort_half_hours, 0))::int as h
       from (select date_trunc('month', date)::date as month, * from activity where deleted_at is null) a group by ${keys}`;
  // What a report reads: the rollup plus the deltas not yet folded in, netted per key.
  const stored = (table: string, keys: string) => `select ${keys}, sum(activity_count)::int as n, sum(effort_days)::int as d, sum(effort_half_hours)::int as h
       from (select ${keys}, activity_count, effort_days, effort_half_hours from ${table}
             union all select ${keys}, activity_count, effort_days, effort_half_hours from activity_rollup_delta) u
       group by ${keys} having sum(activity_count) <> 0`;
  const detailKeys = 'month, region_id, owner_id, account_id, project_id, category, type, call_type';
  const regionKeys = 'month, region_id, category, type, call_type';
  const lines = async (sql: string) => ((await conn.execute(sql)) as Record<string, unknown>[]).map((r) => JSON.stringify(Object.values(r))).sort();
  return {
    detail: await lines(raw(detailKeys)),
    region: await lines(raw(regionKeys)),
    stored: await lines(stored('activity_rollup', detailKeys)),
    storedRegion: await lines(stored('activity_rollup_region', regionKeys)),
  };
}

const CLASS_ROLLUPS = [
  { table: 'activity_rollup_industry', column: 'industry_id', join: 'left join account c on c.id = a.account_id', value: 'c.industry_id' },
  { table: 'activity_rollup_sales_rep', column: 'sales_rep_id', join: 'left join account c on c.id = a.account_id', value: 'c.sales_rep_id' },
  { table: 'activity_rollup_use_case', column: 'use_case_id', join: 'left join project c on c.id = a.project_id', value: 'c.primary_use_case_id' },
] as const;

/**
 * Each classification rollup as a report reads it (rollup plus the deltas under the account's or
 * project's current classification, netted per key) beside the GROUP BY of the activity table under
 * the same, current classification.
 */
export async function classRollupsFromRaw(orm: MikroORM): Promise<{ table: string; raw: string[]; stored: string[] }[]> {
  const conn = orm.em.fork().getConnection();
  const lines = async (sql: string) => ((await conn.execute(sql)) as Record<string, unknown>[]).map((r) => JSON.stringify(Object.values(r))).sort();
  return Promise.all(
    CLASS_ROLLUPS.map(async (c) => ({
      table: c.table,
      raw: await lines(`select date_trunc('month', a.date)::date as month, a.region_id, a.category, ${c.value} as k,
          count(*)::int as n, sum(coalesce(a.effort_days, 0))::int as d, sum(coalesce(a.effort_half_hours, 0))::int as h
        from activity a ${c.join} where a.deleted_at is null group by 1, 2, 3, 4`),
      stored: await lines(`select month, region_id, category, k, sum(activity_count)::int as n, sum(effort_days)::int as d, sum(effort_half_hours)::int as h
        from (select month, region_id, category, ${c.column} as k, activity_count, effort_days, effort_half_hours from ${c.table}
              union all select a.month, a.region_id, a.category, ${c.value}, a.activity_count, a.effort_days, a.effort_half_hours
                from activity_rollup_delta a ${c.join}) u
        group by 1, 2, 3, 4 having sum(activity_count) <> 0`),
    })),
  );
}

/** Rows of a rollup table itself (not netted with the delta). */
export async function rollupRows(orm: MikroORM, table: string): Promise<number> {
  const [{ n }] = (await orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`)) as { n: number }[];
  return n;
}
