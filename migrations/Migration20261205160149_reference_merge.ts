import { Migration } from '@mikro-orm/migrations';

/** The journal of industry and use-case merges (P-005, ADR 0020). */
export class Migration20261205160149_reference_merge extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reference_merge" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('INDUSTRY', 'USE_CASE')) not null, "base_id" uuid not null, "merged_ids" jsonb not null, "base_before" jsonb not null, "base_after" jsonb not null, "merged_before" jsonb not null, "record_versions" jsonb not null, "moves" jsonb not null, "counts" jsonb not null, "created_by_id" uuid null, "undone_at" timestamptz null, "undone_by_id" uuid null, constraint "reference_merge_pkey" primary key ("id"));`);
    this.addSql(`create index "reference_merge_created_at_index" on "reference_merge" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reference_merge" cascade;`);
  }

}
