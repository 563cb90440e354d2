import { Migration } from '@mikro-orm/migrations';

export class Migration20261207100924_legacy_import extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "legacy_import" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('USERS', 'ACCOUNTS', 'PROJECTS', 'ACTIVITIES')) not null, "file_name" varchar(200) not null, "uploaded_by_id" uuid not null, "status" text check ("status" in ('STAGING', 'STAGED', 'CHECKING', 'CHECKED', 'COMMITTING', 'COMMITTED', 'UNDOING', 'UNDONE', 'FAILED')) not null default 'STAGING', "headers" jsonb not null, "mapping" jsonb not null, "staged_rows" int not null default 0, "counts" jsonb null, "error" text null, "job_id" varchar(20) null, "post_checks" jsonb null, "decision_count" int not null default 0, "applied" jsonb null, "checked_at" timestamptz null, "committed_at" timestamptz null, "committed_by_id" uuid null, "undone_at" timestamptz null, "undone_by_id" uuid null, "undo_blockers" jsonb null, constraint "legacy_import_pkey" primary key ("id"));`);
    this.addSql(`create index "legacy_import_created_at_index" on "legacy_import" ("created_at");`);

    this.addSql(`create table "legacy_import_row" ("legacy_import_id" uuid not null, "row_number" int not null, "cells" jsonb not null, "status" text check ("status" in ('PENDING', 'NEW', 'CONFLICT', 'UNCHANGED', 'REJECTED')) not null default 'PENDING', "reasons" jsonb null, "natural_key" text null, "incoming" jsonb null, "display" jsonb null, "differences" jsonb null, "choices" jsonb null, "target_id" uuid null, "target_version" int null, "applied" varchar(10) null, "applied_version" int null, "journal" jsonb null, constraint "legacy_import_row_pkey" primary key ("legacy_import_id", "row_number"));`);
    this.addSql(`create index "legacy_import_row_legacy_import_id_natural_key_index" on "legacy_import_row" ("legacy_import_id", "natural_key");`);
    this.addSql(`create index "legacy_import_row_legacy_import_id_status_row_number_index" on "legacy_import_row" ("legacy_import_id", "status", "row_number");`);

    this.addSql(`alter table "legacy_import" add constraint "legacy_import_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "legacy_import" add constraint "legacy_import_committed_by_id_foreign" foreign key ("committed_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "legacy_import" add constraint "legacy_import_undone_by_id_foreign" foreign key ("undone_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "legacy_import_row" add constraint "legacy_import_row_legacy_import_id_foreign" foreign key ("legacy_import_id") references "legacy_import" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "legacy_import_row" drop constraint "legacy_import_row_legacy_import_id_foreign";`);

    this.addSql(`drop table if exists "legacy_import" cascade;`);

    this.addSql(`drop table if exists "legacy_import_row" cascade;`);
  }

}
