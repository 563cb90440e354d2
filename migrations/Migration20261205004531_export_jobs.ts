import { Migration } from '@mikro-orm/migrations';

export class Migration20261205004531_export_jobs extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "export_job" ("id" uuid not null, "owner_id" uuid not null, "kind" text check ("kind" in ('ACTIVITY_REPORT', 'OUTCOME_REPORT', 'ACTIVITIES')) not null, "format" text check ("format" in ('CSV', 'XLSX', 'PDF')) not null, "params" jsonb not null, "file_name" varchar(200) not null, "status" text check ("status" in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')) not null default 'QUEUED', "queue_job_id" bigint null, "row_count" int null, "byte_size" bigint null, "error" text null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, constraint "export_job_pkey" primary key ("id"));`);
    this.addSql(`create index "export_job_owner_id_index" on "export_job" ("owner_id");`);
    this.addSql(`create index "export_job_created_at_index" on "export_job" ("created_at");`);

    this.addSql(`alter table "export_job" add constraint "export_job_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "export_job" cascade;`);
  }

}
