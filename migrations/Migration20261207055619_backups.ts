import { Migration } from '@mikro-orm/migrations';

export class Migration20261207055619_backups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "backup_snapshot" ("id" uuid not null, "status" text check ("status" in ('QUEUED', 'DUMPING', 'VERIFYING', 'VERIFIED', 'FAILED')) not null default 'QUEUED', "trigger" text check ("trigger" in ('SCHEDULE', 'ADMIN')) not null, "requested_by_id" uuid null, "queue_job_id" varchar(20) null, "created_at" timestamptz not null default now(), "file_name" varchar(200) null, "byte_size" bigint null, "sha256" varchar(64) null, "server_version" varchar(40) null, "dumped_at" timestamptz null, "dump_ms" int null, "verified_at" timestamptz null, "verify_ms" int null, "live_checks" jsonb null, "restored_checks" jsonb null, "mismatches" jsonb null, "error" text null, "expired_at" timestamptz null, constraint "backup_snapshot_pkey" primary key ("id"));`);
    this.addSql(`create index "backup_snapshot_created_at_index" on "backup_snapshot" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "backup_snapshot" cascade;`);
  }

}
