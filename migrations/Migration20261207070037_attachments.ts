import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070037_attachments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "attachment" ("id" uuid not null, "owner_type" text check ("owner_type" in ('ACTIVITY', 'ACCOUNT')) not null, "owner_id" uuid not null, "uploaded_by_id" uuid not null, "file_name" varchar(200) not null, "content_type" varchar(120) not null, "byte_size" int not null, "sha256" varchar(64) not null, "storage_key" varchar(80) not null, "created_at" timestamptz not null default now(), "deleted_at" timestamptz null, "deleted_by_id" uuid null, "purged_at" timestamptz null, constraint "attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "attachment_owner_type_owner_id_index" on "attachment" ("owner_type", "owner_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attachment" cascade;`);
  }

}
