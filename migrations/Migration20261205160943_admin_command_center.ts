import { Migration } from '@mikro-orm/migrations';

/** The user command center (issue 9, ADR 0018): scheduled admin commands, review tasks, in-app notifications (P-016). */
export class Migration20261205160943_admin_command_center extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "scheduled_command" ("id" uuid not null, "kind" text check ("kind" in ('DISABLE', 'ENABLE', 'REVOKE_ACCESS', 'FORCE_PASSWORD_RESET', 'NOTIFY', 'SCHEDULE_REVIEW', 'CHANGE_ROLE', 'CHANGE_REGIONS')) not null, "target_id" uuid not null, "actor_id" uuid not null, "payload" jsonb not null, "run_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'DONE', 'FAILED', 'CANCELLED')) not null default 'PENDING', "job_key" varchar(80) not null, "queue_job_id" bigint null, "outcome" text null, "created_at" timestamptz not null, "finished_at" timestamptz null, constraint "scheduled_command_pkey" primary key ("id"));`);
    this.addSql(`create index "scheduled_command_target_id_index" on "scheduled_command" ("target_id");`);
    this.addSql(`create index "scheduled_command_status_index" on "scheduled_command" ("status");`);
    this.addSql(`create index "scheduled_command_run_at_id_index" on "scheduled_command" ("run_at", "id");`);

    this.addSql(`create table "review_task" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" varchar(160) not null, "description" text not null default '', "due_date" date not null, "priority" smallint not null, "owner_id" uuid not null, "supervisor_id" uuid not null, "status" text check ("status" in ('OPEN', 'DONE')) not null default 'OPEN', constraint "review_task_pkey" primary key ("id"), constraint review_task_priority_range check (priority >= 1 and priority <= 5));`);
    this.addSql(`create index "review_task_owner_id_index" on "review_task" ("owner_id");`);
    this.addSql(`create index "review_task_supervisor_id_index" on "review_task" ("supervisor_id");`);

    this.addSql(`create table "notification" ("id" uuid not null, "user_id" uuid not null, "kind" varchar(40) not null, "subject" varchar(160) not null, "body" text not null, "created_at" timestamptz not null, "read_at" timestamptz null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_user_id_created_at_index" on "notification" ("user_id", "created_at");`);

    this.addSql(`alter table "scheduled_command" add constraint "scheduled_command_target_id_foreign" foreign key ("target_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "scheduled_command" add constraint "scheduled_command_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "review_task" add constraint "review_task_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "review_task" add constraint "review_task_supervisor_id_foreign" foreign key ("supervisor_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "notification" add constraint "notification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scheduled_command" cascade;`);

    this.addSql(`drop table if exists "review_task" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);
  }

}
