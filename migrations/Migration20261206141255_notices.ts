import { Migration } from '@mikro-orm/migrations';

/**
 * Notices (issue 9, P-016): the notice watcher's position in the audit stream, each user's notice choices
 * (the weekly digest), and a dedupe key so a notice raised by a job is written once per user.
 */
export class Migration20261206141255_notices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notice_watch" ("name" varchar(40) not null, "seq" bigint not null, "updated_at" timestamptz not null default now(), constraint "notice_watch_pkey" primary key ("name"));`);

    this.addSql(`create table "notification_preference" ("user_id" uuid not null, "weekly_digest" boolean not null default false, "last_digest_week" varchar(8) null, "updated_at" timestamptz not null, constraint "notification_preference_pkey" primary key ("user_id"));`);

    this.addSql(`alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notification" add column "dedupe_key" varchar(120) null;`);
    this.addSql(`alter table "notification" add constraint "notification_user_id_dedupe_key_unique" unique ("user_id", "dedupe_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notice_watch" cascade;`);

    this.addSql(`drop table if exists "notification_preference" cascade;`);

    this.addSql(`alter table "notification" drop constraint "notification_user_id_dedupe_key_unique";`);
    this.addSql(`alter table "notification" drop column "dedupe_key";`);
  }

}
