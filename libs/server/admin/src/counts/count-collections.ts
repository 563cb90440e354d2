import type { EntityManager } from '@mikro-orm/postgresql';
import { IsolationLevel } from '@mikro-orm/core';
import type { AppConfig, TaskHandler } from '@pams/server-core';
import { activeAdminIds, raiseNotice } from '../notices/raise-notice.js';

/**
 * The collections whose row counts are recorded each day: what the old system lost without anyone
 * noticing (5,303 → 2,632 activities). Live rows only: a soft-deleted activity no longer counts.
 */
export const COLLECTIONS = [
  { key: 'activities', label: 'Activities', sql: 'select count(*) from activity where deleted_at is null' },
  { key: 'accounts', label: 'Accounts', sql: 'select count(*) from account' },
  { key: 'projects', label: 'Projects', sql: 'select count(*) from project' },
  { key: 'outcomes', label: 'Outcomes', sql: 'select count(*) from outcome' },
  { key: 'users', label: 'Users', sql: 'select count(*) from app_user' },
  { key: 'regions', label: 'Regions', sql: 'select count(*) from region' },
  { key: 'salesReps', label: 'Sales reps', sql: 'select count(*) from sales_rep' },
  { key: 'products', label: 'Products', sql: 'select count(*) from product' },
  { key: 'industries', label: 'Industries', sql: 'select count(*) from industry' },
  { key: 'useCases', label: 'Use cases', sql: 'select count(*) from use_case' },
  { key: 'currencyRates', label: 'Currency rates', sql: 'select count(*) from currency_rate' },
] as const;

export type CollectionKey = (typeof COLLECTIONS)[number]['key'];

export const COUNT_COLLECTIONS_TASK = 'admin:countCollections';
/** Every night at 01:30 UTC, one run at a time. */
export const COUNT_COLLECTIONS_SCHEDULE = `30 1 * * * ${COUNT_COLLECTIONS_TASK} ?id=count_collections&max=3&jobKey=count_collections`;

export interface CountDrop {
  collection: CollectionKey;
  label: string;
  /** The day compared with: the last one recorded before. */
  since: string;
  before: number;
  after: number;
}

export interface CountCheck {
  day: string;
  counts: Record<CollectionKey, number>;
  /** The collections that fell by more than a threshold since the last recorded day. */
  drops: CountDrop[];
  /** Admins notified (0 when nothing fell, or the same day's drop was already told). */
  notified: number;
}

/** A fall counts as sharp when it is more than `dropPercent` % of the count before, or more than `dropRows` rows. */
export function isSharpDrop(before: number, after: number, thresholds: AppConfig['counts']): boolean {
  const fall = before - after;
  if (fall <= 0) return false;
  return fall > thresholds.dropRows || fall * 100 > before * thresholds.dropPercent;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Records today's count of every collection (read in one snapshot), compares each with the last day
 * recorded before, and tells every active admin — in-app and by mail, once per day — about each
 * collection that fell sharply.
 */
export async function recordCollectionCounts(em: EntityManager, thresholds: AppConfig['counts'], day = today()): Promise<CountCheck> {
  return em.transactional(
    async (tx) => {
      const conn = tx.getConnection();
      const [row] = await conn.execute<Record<CollectionKey, string>[]>(`select ${COLLECTIONS.map((c) => `(${c.sql}) as "${c.key}"`).join(', ')}`);
      const counts = Object.fromEntries(COLLECTIONS.map((c) => [c.key, Number(row[c.key])])) as Record<CollectionKey, number>;
      await conn.execute(
        `insert into collection_count (day, collection, count, recorded_at)
         select ?::date, c.collection, c.count::int, now() from jsonb_each_text(?::jsonb) as c(collection, count)
         on conflict (day, collection) do update set count = excluded.count, recorded_at = excluded.recorded_at`,
        [day, JSON.stringify(counts)],
      );
      const previous = await conn.execute<{ day: string; collection: string; count: number }[]>(
        `select day::text as day, collection, count from collection_count
          where day = (select max(day) from collection_count where day < ?::date)`,
        [day],
      );
      const drops: CountDrop[] = [];
      for (const collection of COLLECTIONS) {
        const before = previous.find((p) => p.collection === collection.key);
        if (before && isSharpDrop(before.count, counts[collection.key], thresholds)) {
          drops.push({ collection: collection.key, label: collection.label, since: before.day, before: before.count, after: counts[collection.key] });
        }
      }
      let notified = 0;
      if (drops.length > 0) {
        const notice = dropNotice(day, drops);
        for (const adminId of await activeAdminIds(tx)) if (await raiseNotice(tx, adminId, notice)) notified += 1;
        await tx.flush();
      }
      return { day, counts, drops, notified };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

function dropNotice(day: string, drops: CountDrop[]) {
  const line = (d: CountDrop) => `${d.label}: ${d.before.toLocaleString('en-US')} on ${d.since} → ${d.after.toLocaleString('en-US')} on ${day} (−${(d.before - d.after).toLocaleString('en-US')}, −${(((d.before - d.after) * 100) / d.before).toFixed(1)}%)`;
  const [first] = drops;
  const more = drops.length > 1 ? ` (and ${drops.length - 1} more)` : '';
  return {
    kind: 'COUNT_DROP',
    subject: `${first.label} fell from ${first.before.toLocaleString('en-US')} to ${first.after.toLocaleString('en-US')}${more}`,
    body: [
      'The daily count check found collections that fell sharply since the last count:',
      '',
      ...drops.map(line),
      '',
      'If nobody deleted these on purpose, look at the audit history for the deletions and restore from the last good backup.',
    ].join('\n'),
    dedupeKey: `count-drop:${day}`,
    mail: true,
  };
}

export const countCollectionsTask: TaskHandler = async (_payload, { em, config, log }) => {
  const check = await recordCollectionCounts(em, config.counts);
  if (check.drops.length > 0) log.warn({ drops: check.drops, notified: check.notified }, 'daily count check: collections fell sharply');
  else log.info({ counts: check.counts }, 'daily count check: recorded');
};
