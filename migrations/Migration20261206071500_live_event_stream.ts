import { Migration } from '@mikro-orm/migrations';

/**
 * The live event stream (issue 9, ADR 0017). Audit ids are assigned at insert, not at commit, so the
 * stream orders events by `audit_event_stream.seq`, which the sequencer assigns after commit. An
 * AFTER INSERT trigger on `audit_event` records each new id in `audit_event_unsequenced` inside the
 * inserting transaction: the row becomes visible to the sequencer exactly when the event commits.
 */
export class Migration20261206071500_live_event_stream extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_event_stream" ("seq" bigint not null, "event_id" bigint not null, "sequenced_at" timestamptz not null default now(), constraint "audit_event_stream_pkey" primary key ("seq"));`);
    this.addSql(`alter table "audit_event_stream" add constraint "audit_event_stream_event_id_unique" unique ("event_id");`);

    this.addSql(`create table "audit_event_unsequenced" ("event_id" bigint not null, constraint "audit_event_unsequenced_pkey" primary key ("event_id"));`);

    this.addSql(`create function pams_audit_event_unsequenced() returns trigger language plpgsql as $$
begin
  insert into audit_event_unsequenced (event_id) select id from new_events;
  return null;
end $$;`);
    this.addSql(`create trigger audit_event_unsequenced_after_insert after insert on "audit_event"
  referencing new table as new_events for each statement execute function pams_audit_event_unsequenced();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_event_unsequenced_after_insert on "audit_event";`);
    this.addSql(`drop function if exists pams_audit_event_unsequenced();`);
    this.addSql(`drop table if exists "audit_event_unsequenced" cascade;`);
    this.addSql(`drop table if exists "audit_event_stream" cascade;`);
  }
}
