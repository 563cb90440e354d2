import { Migration } from '@mikro-orm/migrations';

export class Migration20261207030017_collection_counts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "collection_count" ("day" date not null, "collection" varchar(40) not null, "count" int not null, "recorded_at" timestamptz not null default now(), constraint "collection_count_pkey" primary key ("day", "collection"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "collection_count" cascade;`);
  }

}
