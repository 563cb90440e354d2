import { Migration } from '@mikro-orm/migrations';

/**
 * What the entities cannot say: the audit table is append-only and announces each event after
 * commit (NOTIFY is delivered only when the inserting transaction commits); and the shared sign-in rate-limit table of rate-limiter-flexible.
 */
export class Migration20261122031900_guards extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function pams_audit_event_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function pams_audit_event_refuse_change();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function pams_audit_event_refuse_change();`);
    this.addSql(`create function pams_audit_event_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('pams_audit_event', new.id::text);
  return null;
end $$;`);
    this.addSql(`create trigger audit_event_notify after insert on audit_event
  for each row execute function pams_audit_event_notify();`);

    this.addSql(`create table rate_limit (key varchar(255) primary key, points integer not null default 0, expire bigint);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists rate_limit;`);
    this.addSql(`drop trigger if exists audit_event_notify on audit_event;`);
    this.addSql(`drop function if exists pams_audit_event_notify();`);
    this.addSql(`drop trigger if exists audit_event_no_truncate on audit_event;`);
    this.addSql(`drop trigger if exists audit_event_no_update on audit_event;`);
    this.addSql(`drop function if exists pams_audit_event_refuse_change();`);
  }
}
