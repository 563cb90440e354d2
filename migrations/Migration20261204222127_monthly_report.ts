import { Migration } from '@mikro-orm/migrations';

export class Migration20261204222127_monthly_report extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "monthly_report_override" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "month" date not null, "highlights" text not null default '', "featured_use_case_ids" jsonb not null, "excluded_outcome_ids" jsonb not null, "included_outcome_ids" jsonb not null, "manual_wins" jsonb not null, "win_of_the_month_outcome_id" uuid null, "win_of_the_month_story" text null, constraint "monthly_report_override_pkey" primary key ("id"));`);
    this.addSql(`alter table "monthly_report_override" add constraint "monthly_report_override_month_unique" unique ("month");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "monthly_report_override" cascade;`);
  }

}
