import { Migration } from '@mikro-orm/migrations';

export class Migration20261205132941_outcome_imports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outcome_import" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "file_name" varchar(200) not null, "uploaded_by_id" uuid not null, "region_ids" text[] not null, "status" text check ("status" in ('REVIEW', 'APPLIED')) not null default 'REVIEW', "row_count" int not null, "review_count" int not null default 0, "applied_at" timestamptz null, "applied_by_id" uuid null, "applied_count" int null, constraint "outcome_import_pkey" primary key ("id"));`);
    this.addSql(`create index "outcome_import_uploaded_by_id_index" on "outcome_import" ("uploaded_by_id");`);
    this.addSql(`create index "outcome_import_created_at_index" on "outcome_import" ("created_at");`);

    this.addSql(`create table "outcome_import_row" ("id" uuid not null, "outcome_import_id" uuid not null, "row_number" int not null, "crm_id" varchar(100) null, "account_name" varchar(200) null, "project_name" varchar(200) null, "result" text check ("result" in ('WON', 'LOST')) null, "close_date" date null, "mrr_amount" numeric(14,2) null, "currency" text check ("currency" in ('INR', 'AED', 'USD', 'EUR', 'GBP', 'BRL')) null, "one_time_value" numeric(14,2) null, "sales_rep" varchar(200) null, "reason" text null, "competitors" varchar(500) null, "crm_link" varchar(500) null, "status" text check ("status" in ('MATCHED', 'AMBIGUOUS', 'UNMATCHED', 'DUPLICATE', 'INVALID')) not null, "project_id" uuid null, "matched_by" text check ("matched_by" in ('NAME', 'REVIEWER')) null, "candidates" jsonb not null, "errors" jsonb not null, "message" varchar(500) null, "skipped" boolean not null default false, "outcome_id" uuid null, constraint "outcome_import_row_pkey" primary key ("id"));`);
    this.addSql(`alter table "outcome_import_row" add constraint "outcome_import_row_outcome_import_id_row_number_unique" unique ("outcome_import_id", "row_number");`);

    this.addSql(`alter table "outcome_import" add constraint "outcome_import_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "outcome_import" add constraint "outcome_import_applied_by_id_foreign" foreign key ("applied_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "outcome_import_row" add constraint "outcome_import_row_outcome_import_id_foreign" foreign key ("outcome_import_id") references "outcome_import" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "outcome_import_row" add constraint "outcome_import_row_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "outcome_import_row" add constraint "outcome_import_row_outcome_id_foreign" foreign key ("outcome_id") references "outcome" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outcome_import_row" drop constraint "outcome_import_row_outcome_import_id_foreign";`);

    this.addSql(`drop table if exists "outcome_import" cascade;`);

    this.addSql(`drop table if exists "outcome_import_row" cascade;`);
  }

}
