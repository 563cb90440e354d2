import { Migration } from '@mikro-orm/migrations';

/*
 * Report rollups (docs/adr/0013-report-rollups.md). Activity counts and effort per month at two grains:
 * - activity_rollup: month × region × owner × account × project × category × type × call type;
 * - activity_rollup_region: month × region × category × type × call type (a few thousand rows in all).
 * Statement-level triggers on `activity` append the net change of every statement (inserts, edits, date
 * moves, soft and hard deletes, COPY) to activity_rollup_delta in the same transaction, so a report that
 * reads rollup + delta is exact as of its snapshot. Writers only append: they never wait on each other
 * for a hot rollup row. pams_activity_rollup_compact() folds committed deltas into both rollups (one
 * compactor at a time), which keeps the delta small; reads are exact with or without it.
 * Industry, use case and sales rep come from the account and project at read time, so reports follow the
 * current reference data (a merged industry reports as one).
 */
const DETAIL_KEYS = ['month', 'region_id', 'owner_id', 'account_id', 'project_id', 'category', 'type', 'call_type'];
const REGION_KEYS = ['month', 'region_id', 'category', 'type', 'call_type'];
const DETAIL_COLUMNS = `"month" date not null, "region_id" uuid null, "owner_id" uuid not null, "account_id" uuid null, "project_id" uuid null,
  "category" text not null, "type" text not null, "call_type" text null,
  "activity_count" int not null, "effort_days" int not null, "effort_half_hours" int not null`;
const REGION_COLUMNS = `"month" date not null, "region_id" uuid null, "category" text not null, "type" text not null, "call_type" text null,
  "activity_count" int not null, "effort_days" int not null, "effort_half_hours" int not null`;

/** The signed contribution of rows of `source`: +1 for new rows, -1 for old ones; deleted rows count nothing. */
function contributions(source: string, sign: 1 | -1): string {
  const s = sign === 1 ? '' : '-';
  return `select date_trunc('month', date)::date as month, region_id, owner_id, account_id, project_id, category, type, call_type,
      ${s}1 as n, ${s}coalesce(effort_days, 0) as days, ${s}coalesce(effort_half_hours, 0) as half_hours
    from ${source} where deleted_at is null`;
}

/** Appends the net change of the transition tables, one row per detail key that changed. */
function appendDelta(transitions: ('new_rows' | 'old_rows')[]): string {
  const k = DETAIL_KEYS.join(', ');
  const sources = transitions.map((t) => contributions(t, t === 'new_rows' ? 1 : -1));
  return `insert into activity_rollup_delta (${k}, activity_count, effort_days, effort_half_hours)
    select ${k}, sum(n), sum(days), sum(half_hours) from (${sources.join('\n    union all\n    ')}) d
    group by ${k}
    having sum(n) <> 0 or sum(days) <> 0 or sum(half_hours) <> 0;`;
}

/** Adds the rows of `moved` (a temp table) to a rollup, in key order, and drops the rows it empties. */
function fold(table: string, keys: string[]): string {
  const k = keys.join(', ');
  return `insert into ${table} as t (${k}, activity_count, effort_days, effort_half_hours)
    select ${k}, sum(activity_count), sum(effort_days), sum(effort_half_hours) from pams_rollup_moved
    group by ${k} order by ${k}
    on conflict (${k}) do update set
      activity_count = t.activity_count + excluded.activity_count,
      effort_days = t.effort_days + excluded.effort_days,
      effort_half_hours = t.effort_half_hours + excluded.effort_half_hours;
  delete from ${table} where activity_count = 0;`;
}

export class Migration20261204213000_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_preset" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "name" varchar(120) not null, "visibility" text check ("visibility" in ('PERSONAL', 'REGION')) not null, "region_id" uuid null, "definition" jsonb not null, constraint "report_preset_pkey" primary key ("id"));`);
    this.addSql(`create index "report_preset_owner_id_name_index" on "report_preset" ("owner_id", "name");`);
    this.addSql(`create index "report_preset_region_id_index" on "report_preset" ("region_id");`);
    this.addSql(`alter table "report_preset" add constraint "report_preset_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "report_preset" add constraint "report_preset_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "activity_rollup" (${DETAIL_COLUMNS});`);
    this.addSql(`create table "activity_rollup_region" (${REGION_COLUMNS});`);
    this.addSql(`create table "activity_rollup_delta" (${DETAIL_COLUMNS});`);
    // NULLS NOT DISTINCT (PostgreSQL 15): one row per key even where region, account, project or call type is null.
    this.addSql(`create unique index "activity_rollup_key" on "activity_rollup" (${DETAIL_KEYS.join(', ')}) nulls not distinct;`);
    this.addSql(`create unique index "activity_rollup_region_key" on "activity_rollup_region" (${REGION_KEYS.join(', ')}) nulls not distinct;`);
    this.addSql(`create index "activity_rollup_owner_month_index" on "activity_rollup" ("owner_id", "month");`);
    this.addSql(`create index "activity_rollup_account_month_index" on "activity_rollup" ("account_id", "month");`);
    this.addSql(`create index "activity_rollup_project_index" on "activity_rollup" ("project_id");`);
    // Emptied rows are found without a scan.
    this.addSql(`create index "activity_rollup_empty_index" on "activity_rollup" ("month") where activity_count = 0;`);
    this.addSql(`create index "activity_rollup_region_empty_index" on "activity_rollup_region" ("month") where activity_count = 0;`);
    this.addSql(`create index "activity_rollup_delta_month_index" on "activity_rollup_delta" ("month");`);

    this.addSql(`create function pams_activity_rollup() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    ${appendDelta(['new_rows'])}
  elsif tg_op = 'UPDATE' then
    ${appendDelta(['new_rows', 'old_rows'])}
  else
    ${appendDelta(['old_rows'])}
  end if;
  return null;
end $$;`);
    // Transition tables need one trigger per event.
    this.addSql(`create trigger activity_rollup_insert after insert on activity referencing new table as new_rows
  for each statement execute function pams_activity_rollup();`);
    this.addSql(`create trigger activity_rollup_update after update on activity referencing old table as old_rows new table as new_rows
  for each statement execute function pams_activity_rollup();`);
    this.addSql(`create trigger activity_rollup_delete after delete on activity referencing old table as old_rows
  for each statement execute function pams_activity_rollup();`);
    this.addSql(`create function pams_activity_rollup_truncate() returns trigger language plpgsql as $$
begin
  truncate activity_rollup, activity_rollup_region, activity_rollup_delta;
  return null;
end $$;`);
    this.addSql(`create trigger activity_rollup_truncate after truncate on activity for each statement execute function pams_activity_rollup_truncate();`);

    // Folds committed deltas into the rollups; returns how many delta rows it moved (0 when another compactor runs).
    this.addSql(`create function pams_activity_rollup_compact() returns int language plpgsql as $$
declare
  moved int;
begin
  if not pg_try_advisory_xact_lock(hashtext('pams_activity_rollup_compact')) then
    return 0;
  end if;
  create temp table pams_rollup_moved (like activity_rollup_delta) on commit drop;
  with gone as (delete from activity_rollup_delta returning *) insert into pams_rollup_moved select * from gone;
  get diagnostics moved = row_count;
  if moved > 0 then
    ${fold('activity_rollup', DETAIL_KEYS)}
    ${fold('activity_rollup_region', REGION_KEYS)}
  end if;
  drop table pams_rollup_moved;
  return moved;
end $$;`);

    // What is there already.
    for (const [table, keys] of [['activity_rollup', DETAIL_KEYS], ['activity_rollup_region', REGION_KEYS]] as const) {
      const k = keys.join(', ');
      this.addSql(`insert into ${table} (${k}, activity_count, effort_days, effort_half_hours)
        select ${k}, sum(n), sum(days), sum(half_hours) from (${contributions('activity', 1)}) d group by ${k};`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists activity_rollup_truncate on activity;`);
    this.addSql(`drop trigger if exists activity_rollup_delete on activity;`);
    this.addSql(`drop trigger if exists activity_rollup_update on activity;`);
    this.addSql(`drop trigger if exists activity_rollup_insert on activity;`);
    this.addSql(`drop function if exists pams_activity_rollup_compact();`);
    this.addSql(`drop function if exists pams_activity_rollup_truncate();`);
    this.addSql(`drop function if exists pams_activity_rollup();`);
    this.addSql(`drop table if exists "activity_rollup_delta";`);
    this.addSql(`drop table if exists "activity_rollup_region";`);
    this.addSql(`drop table if exists "activity_rollup";`);
    this.addSql(`drop table if exists "report_preset" cascade;`);
  }
}
