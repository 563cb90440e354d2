import { Migration } from '@mikro-orm/migrations';

const COLUMNS = 'id, occurred_at, actor_id, actor_kind, action, entity_type, entity_id, changes, request_id';

/**
 * Audit archival (issue 9): events older than the retention window move to `audit_event_archive`, which the
 * history reads together with `audit_event`. Nothing is ever deleted: the live table still refuses DELETE,
 * except of a row whose identical copy is already in the archive; the archive refuses UPDATE, DELETE and
 * TRUNCATE outright. `pams_archive_audit_events(cutoff, batch)` moves one batch, oldest first.
 */
export class Migration20261205155800_audit_archive extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event_archive" (
  "id" bigint not null,
  "occurred_at" timestamptz not null,
  "actor_id" uuid null,
  "actor_kind" varchar(16) not null,
  "action" varchar(80) not null,
  "entity_type" varchar(60) not null,
  "entity_id" varchar(80) null,
  "changes" jsonb null,
  "request_id" varchar(64) null,
  "archived_at" timestamptz not null default now(),
  constraint "audit_event_archive_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_archive_occurred_at_index" on "audit_event_archive" ("occurred_at");`);
    this.addSql(`create index "audit_event_archive_actor_id_index" on "audit_event_archive" ("actor_id");`);
    this.addSql(`create index "audit_event_archive_action_index" on "audit_event_archive" ("action");`);
    this.addSql(`create index "audit_event_archive_entity_index" on "audit_event_archive" ("entity_type", "entity_id");`);

    this.addSql(`create function pams_audit_archive_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event_archive is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger audit_event_archive_no_update before update or delete on audit_event_archive
  for each row execute function pams_audit_archive_refuse_change();`);
    this.addSql(`create trigger audit_event_archive_no_truncate before truncate on audit_event_archive
  for each statement execute function pams_audit_archive_refuse_change();`);

    // The live table's guard lets a row go only once its identical copy is archived.
    this.addSql(`create or replace function pams_audit_event_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and exists (
    select 1 from audit_event_archive a
    where a.id = old.id and a.occurred_at = old.occurred_at and a.actor_id is not distinct from old.actor_id
      and a.actor_kind = old.actor_kind and a.action = old.action and a.entity_type = old.entity_type
      and a.entity_id is not distinct from old.entity_id and a.changes is not distinct from old.changes
      and a.request_id is not distinct from old.request_id
  ) then
    return old;
  end if;
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;`);

    // Two statements, so the DELETE's guard sees the copies the INSERT made.
    this.addSql(`create function pams_archive_audit_events(cutoff timestamptz, batch int) returns int language plpgsql as $$
declare
  ids bigint[];
begin
  select array_agg(id order by id) into ids from (
    select id from audit_event where occurred_at < cutoff order by id limit batch for update skip locked
  ) picked;
  if ids is null then
    return 0;
  end if;
  insert into audit_event_archive (${COLUMNS}) select ${COLUMNS} from audit_event where id = any(ids);
  delete from audit_event where id = any(ids);
  return cardinality(ids);
end $$;`);
  }

  override async down(): Promise<void> {
    // Archived events go back to the live table before the archive goes: down loses nothing either.
    this.addSql(`drop function if exists pams_archive_audit_events(timestamptz, int);`);
    this.addSql(`insert into audit_event (${COLUMNS}) select ${COLUMNS} from audit_event_archive on conflict (id) do nothing;`);
    this.addSql(`create or replace function pams_audit_event_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`drop trigger if exists audit_event_archive_no_truncate on audit_event_archive;`);
    this.addSql(`drop trigger if exists audit_event_archive_no_update on audit_event_archive;`);
    this.addSql(`drop table if exists "audit_event_archive";`);
    this.addSql(`drop function if exists pams_audit_archive_refuse_change();`);
  }
}
