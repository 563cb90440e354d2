import { Migration } from '@mikro-orm/migrations';

/*
 * Narrow "classification" rollups (docs/adr/0013-report-rollups.md, addendum): activity counts and effort
 * per month × region × category × one classification of the activity's account or project:
 * - activity_rollup_industry: the account's industry;
 * - activity_rollup_sales_rep: the account's sales rep;
 * - activity_rollup_use_case: the project's primary use case.
 * The detailed rollup keys by account and project (706k keys for 1M activities), so reports by industry,
 * sales rep or use case gained little over the activity table; these hold a few thousand rows each.
 *
 * Invariant: each class rollup equals activity_rollup grouped by the *current* classification of its
 * account (project). Kept by
 * - the compactor, which folds committed deltas into them with the classification read at fold time,
 *   under its advisory lock; readers add the unfolded deltas joined to the current account (project);
 * - statement triggers on account and project, which move an account's (project's) folded figures from
 *   its old class to its new one when it is re-classified (industry merged, sales rep reassigned) or
 *   deleted — under the same lock, so they never interleave with a fold.
 * The move reads activity_rollup in a fresh statement after the lock: that needs READ COMMITTED (the
 * default); a re-classification in a stricter transaction is refused rather than drift.
 */
const LOCK = `hashtext('pams_activity_rollup_compact')`;
const MEASURES = 'activity_count, effort_days, effort_half_hours';

interface ClassRollup {
  table: string;
  column: string;
  /** The table classifying the activity, the rollup column joining it, and its classification column. */
  source: 'account' | 'project';
  via: 'account_id' | 'project_id';
  sourceColumn: string;
}

const CLASS_ROLLUPS: ClassRollup[] = [
  { table: 'activity_rollup_industry', column: 'industry_id', source: 'account', via: 'account_id', sourceColumn: 'industry_id' },
  { table: 'activity_rollup_sales_rep', column: 'sales_rep_id', source: 'account', via: 'account_id', sourceColumn: 'sales_rep_id' },
  { table: 'activity_rollup_use_case', column: 'use_case_id', source: 'project', via: 'project_id', sourceColumn: 'primary_use_case_id' },
];

const keysOf = (c: ClassRollup): string => `month, region_id, category, ${c.column}`;

/** Upserts `select <keys>, <measures>` rows into a class rollup, in key order, and drops emptied rows. */
function upsert(c: ClassRollup, rows: string): string {
  const k = keysOf(c);
  return `insert into ${c.table} as t (${k}, ${MEASURES})
    select ${k}, sum(activity_count), sum(effort_days), sum(effort_half_hours) from (${rows}) x
    group by ${k} order by ${k}
    on conflict (${k}) do update set
      activity_count = t.activity_count + excluded.activity_count,
      effort_days = t.effort_days + excluded.effort_days,
      effort_half_hours = t.effort_half_hours + excluded.effort_half_hours;
  delete from ${c.table} where activity_count = 0;`;
}

/** The compactor's fold of the moved deltas (temp table pams_rollup_moved) into one class rollup. */
function foldClass(c: ClassRollup): string {
  return upsert(
    c,
    `select m.month, m.region_id, m.category, s.${c.sourceColumn} as ${c.column}, m.activity_count, m.effort_days, m.effort_half_hours
       from pams_rollup_moved m left join ${c.source} s on s.id = m.${c.via}`,
  );
}

/** The rollups' previous compactor (Migration20261204213000_reports), and this one with the class rollups. */
function compactor(withClasses: boolean): string {
  const fold = (table: string, keys: string) => `insert into ${table} as t (${keys}, ${MEASURES})
    select ${keys}, sum(activity_count), sum(effort_days), sum(effort_half_hours) from pams_rollup_moved
    group by ${keys} order by ${keys}
    on conflict (${keys}) do update set
      activity_count = t.activity_count + excluded.activity_count,
      effort_days = t.effort_days + excluded.effort_days,
      effort_half_hours = t.effort_half_hours + excluded.effort_half_hours;
  delete from ${table} where activity_count = 0;`;
  return `create or replace function pams_activity_rollup_compact() returns int language plpgsql as $$
declare
  moved int;
begin
  if not pg_try_advisory_xact_lock(${LOCK}) then
    return 0;
  end if;
  create temp table pams_rollup_moved (like activity_rollup_delta) on commit drop;
  with gone as (delete from activity_rollup_delta returning *) insert into pams_rollup_moved select * from gone;
  get diagnostics moved = row_count;
  if moved > 0 then
    ${fold('activity_rollup', 'month, region_id, owner_id, account_id, project_id, category, type, call_type')}
    ${fold('activity_rollup_region', 'month, region_id, category, type, call_type')}
    ${withClasses ? CLASS_ROLLUPS.map(foldClass).join('\n    ') : ''}
  end if;
  drop table pams_rollup_moved;
  return moved;
end $$;`;
}

/**
 * The trigger function moving figures of re-classified (or deleted) accounts or projects: for every row
 * whose classification changed, its folded figures leave the old class and join the new one.
 */
function reclassifier(source: 'account' | 'project', op: 'update' | 'delete'): string {
  const rollups = CLASS_ROLLUPS.filter((c) => c.source === source);
  const changed = (c: ClassRollup) =>
    op === 'update'
      ? `select o.id, o.${c.sourceColumn} as old_class, n.${c.sourceColumn} as new_class from old_rows o join new_rows n on n.id = o.id
           where o.${c.sourceColumn} is distinct from n.${c.sourceColumn}`
      : `select o.id, o.${c.sourceColumn} as old_class, null::uuid as new_class from old_rows o where o.${c.sourceColumn} is not null`;
  const move = (c: ClassRollup) =>
    upsert(
      c,
      `select r.month, r.region_id, r.category, ch.old_class as ${c.column},
              -r.activity_count as activity_count, -r.effort_days as effort_days, -r.effort_half_hours as effort_half_hours
         from activity_rollup r join (${changed(c)}) ch on ch.id = r.${c.via}
       union all
       select r.month, r.region_id, r.category, ch.new_class, r.activity_count, r.effort_days, r.effort_half_hours
         from activity_rollup r join (${changed(c)}) ch on ch.id = r.${c.via}`,
    );
  return `create function pams_rollup_reclassify_${source}_${op}() returns trigger language plpgsql as $$
begin
  -- Most edits (a rename) change no classification: nothing to do, no lock taken.
  if not (${rollups.map((c) => `exists (${changed(c)})`).join(' or ')}) then
    return null;
  end if;
  if current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'a ${source} is re-classified only in a READ COMMITTED transaction (the report rollups move its figures)';
  end if;
  -- Waits for a running compaction; the statements below then see what it folded.
  perform pg_advisory_xact_lock(${LOCK});
  ${rollups.map(move).join('\n  ')}
  return null;
end $$;`;
}

export class Migration20261205120000_class_rollups extends Migration {
  override async up(): Promise<void> {
    for (const c of CLASS_ROLLUPS) {
      this.addSql(`create table "${c.table}" ("month" date not null, "region_id" uuid null, "category" text not null, "${c.column}" uuid null,
        "activity_count" int not null, "effort_days" int not null, "effort_half_hours" int not null);`);
      this.addSql(`create unique index "${c.table}_key" on "${c.table}" (${keysOf(c)}) nulls not distinct;`);
      // What is folded already (the deltas are read beside the rollups until the next compaction).
      this.addSql(
        upsert(
          c,
          `select r.month, r.region_id, r.category, s.${c.sourceColumn} as ${c.column}, r.activity_count, r.effort_days, r.effort_half_hours
             from activity_rollup r left join ${c.source} s on s.id = r.${c.via}`,
        ),
      );
    }
    this.addSql(compactor(true));
    for (const source of ['account', 'project'] as const) {
      this.addSql(reclassifier(source, 'update'));
      this.addSql(reclassifier(source, 'delete'));
      this.addSql(`create trigger ${source}_rollup_reclassify_update after update on ${source} referencing old table as old_rows new table as new_rows
  for each statement execute function pams_rollup_reclassify_${source}_update();`);
      this.addSql(`create trigger ${source}_rollup_reclassify_delete after delete on ${source} referencing old table as old_rows
  for each statement execute function pams_rollup_reclassify_${source}_delete();`);
    }
    this.addSql(`create or replace function pams_activity_rollup_truncate() returns trigger language plpgsql as $$
begin
  truncate activity_rollup, activity_rollup_region, activity_rollup_delta, ${CLASS_ROLLUPS.map((c) => c.table).join(', ')};
  return null;
end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function pams_activity_rollup_truncate() returns trigger language plpgsql as $$
begin
  truncate activity_rollup, activity_rollup_region, activity_rollup_delta;
  return null;
end $$;`);
    for (const source of ['account', 'project'] as const) {
      for (const op of ['update', 'delete'] as const) {
        this.addSql(`drop trigger if exists ${source}_rollup_reclassify_${op} on ${source};`);
        this.addSql(`drop function if exists pams_rollup_reclassify_${source}_${op}();`);
      }
    }
    this.addSql(compactor(false));
    for (const c of CLASS_ROLLUPS) this.addSql(`drop table if exists "${c.table}";`);
  }
}
