import { Migration } from '@mikro-orm/migrations';

export class Migration20261122035000_domain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "currency_rate" ("currency" varchar(3) not null, "rate_to_reporting" numeric(18,8) not null, "version" int not null default 1, "updated_at" timestamptz not null, constraint "currency_rate_pkey" primary key ("currency"));`);

    this.addSql(`create table "industry" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(120) not null, "active" boolean not null default true, constraint "industry_pkey" primary key ("id"));`);
    this.addSql(`alter table "industry" add constraint "industry_name_unique" unique ("name");`);

    this.addSql(`create table "product" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(120) not null, "active" boolean not null default true, constraint "product_pkey" primary key ("id"));`);
    this.addSql(`alter table "product" add constraint "product_name_unique" unique ("name");`);

    this.addSql(`create table "sales_rep" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(120) not null, "email" varchar(254) not null, "region_id" uuid not null, "currency" text check ("currency" in ('INR', 'AED', 'USD', 'EUR', 'GBP', 'BRL')) not null, "active" boolean not null default true, constraint "sales_rep_pkey" primary key ("id"));`);
    this.addSql(`alter table "sales_rep" add constraint "sales_rep_email_unique" unique ("email");`);
    this.addSql(`create index "sales_rep_region_id_index" on "sales_rep" ("region_id");`);

    this.addSql(`create table "account" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "industry_id" uuid null, "sales_rep_id" uuid null, "crm_link" varchar(500) null, constraint "account_pkey" primary key ("id"));`);
    this.addSql(`create index "account_industry_id_index" on "account" ("industry_id");`);
    this.addSql(`create index "account_sales_rep_id_index" on "account" ("sales_rep_id");`);
    this.addSql(`create unique index "account_name_lower_unique" on "account" (lower("name"));`);

    this.addSql(`create table "use_case" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(120) not null, "bucket" text check ("bucket" in ('SUPPORT', 'COMMERCE', 'MARKETING', 'OTHER')) not null, "industry_id" uuid null, "active" boolean not null default true, constraint "use_case_pkey" primary key ("id"));`);
    this.addSql(`alter table "use_case" add constraint "use_case_name_industry_id_unique" unique ("name", "industry_id");`);

    this.addSql(`create table "project" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "account_id" uuid not null, "name" varchar(200) not null, "status" text check ("status" in ('ACTIVE', 'WON', 'LOST')) not null default 'ACTIVE', "primary_use_case_id" uuid null, "crm_link" varchar(500) null, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`create index "project_account_id_index" on "project" ("account_id");`);
    this.addSql(`alter table "project" add constraint "project_account_id_name_unique" unique ("account_id", "name");`);

    this.addSql(`create table "project_secondary_use_case" ("project_id" uuid not null, "use_case_id" uuid not null, constraint "project_secondary_use_case_pkey" primary key ("project_id", "use_case_id"));`);

    this.addSql(`create table "project_product" ("project_id" uuid not null, "product_id" uuid not null, constraint "project_product_pkey" primary key ("project_id", "product_id"));`);

    this.addSql(`create table "project_owner" ("project_id" uuid not null, "user_id" uuid not null, constraint "project_owner_pkey" primary key ("project_id", "user_id"));`);

    this.addSql(`create table "outcome" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "project_id" uuid not null, "result" text check ("result" in ('WON', 'LOST')) not null, "month" date not null, "crm_link" varchar(500) not null, "reason" text not null, "competitors" varchar(500) null, "mrr_amount" numeric(14,2) null, "currency" text check ("currency" in ('INR', 'AED', 'USD', 'EUR', 'GBP', 'BRL')) null, "rate" numeric(18,8) null, "one_time_value" numeric(14,2) null, "won_by_id" uuid null, "account_kind" text check ("account_kind" in ('NEW', 'EXISTING')) null, constraint "outcome_pkey" primary key ("id"));`);
    this.addSql(`alter table "outcome" add constraint "outcome_project_id_unique" unique ("project_id");`);
    this.addSql(`create index "outcome_month_index" on "outcome" ("month");`);

    this.addSql(`create table "draft" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "entity_type" varchar(40) not null, "entity_id" uuid null, "base_version" int null, "reason" varchar(16) not null, "payload" jsonb not null, "message" varchar(300) null, constraint "draft_pkey" primary key ("id"));`);
    this.addSql(`create index "draft_owner_id_updated_at_index" on "draft" ("owner_id", "updated_at");`);

    this.addSql(`create table "activity" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "region_id" uuid null, "date" date not null, "category" text check ("category" in ('EXTERNAL', 'INTERNAL')) not null, "type" text check ("type" in ('CUSTOMER_CALL', 'SOW', 'POC', 'RFX', 'PRICING', 'EXTERNAL_OTHER', 'ENABLEMENT', 'TRAINING', 'WEBINAR', 'EVENT_BOOTH', 'CONTENT_CREATION', 'VIDEO_CREATION', 'DOCUMENTATION', 'PRODUCT_FEEDBACK', 'INTERNAL_MEETING', 'INTERNAL_OTHER')) not null, "account_id" uuid null, "project_id" uuid null, "effort_days" smallint null, "effort_half_hours" smallint null, "call_type" text check ("call_type" in ('DEMO', 'DISCOVERY', 'SCOPING_DEEP_DIVE', 'FOLLOW_UP', 'QA', 'INTERNAL_KICKOFF', 'CUSTOMER_KICKOFF')) null, "minutes_of_meeting" text null, "sow_link" varchar(500) null, "poc_access_type" text check ("poc_access_type" in ('SANDBOX', 'CUSTOM_STRUCTURED', 'CUSTOM_AGENTIC', 'CUSTOM_COMMERCE', 'OTHER')) null, "poc_use_case" text null, "poc_start_date" date null, "poc_end_date" date null, "rfx_type" text check ("rfx_type" in ('RFP', 'RFI', 'RFQ', 'OTHER')) null, "submission_deadline" date null, "name" varchar(200) null, "topic" varchar(200) null, "description" text null, "deleted_at" timestamptz null, "created_by_id" uuid null, constraint "activity_pkey" primary key ("id"), constraint activity_one_effort check (effort_days is null or effort_half_hours is null), constraint activity_effort_half_hours_range check (effort_half_hours is null or (effort_half_hours >= 0 and effort_half_hours <= 48)), constraint activity_effort_days_range check (effort_days is null or (effort_days >= 0 and effort_days <= 31)), constraint activity_date_range check (date >= '2020-01-01'::date and date <= '2050-12-31'::date));`);
    this.addSql(`create index "activity_account_id_index" on "activity" ("account_id");`);
    this.addSql(`create index "activity_project_id_index" on "activity" ("project_id");`);
    this.addSql(`create index "activity_date_created_id_index" on "activity" ("date", "created_at", "id");`);
    this.addSql(`create index "activity_region_id_date_index" on "activity" ("region_id", "date");`);
    this.addSql(`create index "activity_owner_id_date_index" on "activity" ("owner_id", "date");`);

    this.addSql(`alter table "sales_rep" add constraint "sales_rep_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`);

    this.addSql(`alter table "account" add constraint "account_industry_id_foreign" foreign key ("industry_id") references "industry" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "account" add constraint "account_sales_rep_id_foreign" foreign key ("sales_rep_id") references "sales_rep" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "use_case" add constraint "use_case_industry_id_foreign" foreign key ("industry_id") references "industry" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "project" add constraint "project_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade;`);
    this.addSql(`alter table "project" add constraint "project_primary_use_case_id_foreign" foreign key ("primary_use_case_id") references "use_case" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "project_secondary_use_case" add constraint "project_secondary_use_case_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_secondary_use_case" add constraint "project_secondary_use_case_use_case_id_foreign" foreign key ("use_case_id") references "use_case" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_product" add constraint "project_product_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_product" add constraint "project_product_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "project_owner" add constraint "project_owner_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_owner" add constraint "project_owner_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "outcome" add constraint "outcome_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "outcome" add constraint "outcome_won_by_id_foreign" foreign key ("won_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "draft" add constraint "draft_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "activity" add constraint "activity_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "activity" add constraint "activity_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account" drop constraint "account_industry_id_foreign";`);

    this.addSql(`alter table "use_case" drop constraint "use_case_industry_id_foreign";`);

    this.addSql(`alter table "project_product" drop constraint "project_product_product_id_foreign";`);

    this.addSql(`alter table "account" drop constraint "account_sales_rep_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_account_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_account_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_primary_use_case_id_foreign";`);

    this.addSql(`alter table "project_secondary_use_case" drop constraint "project_secondary_use_case_use_case_id_foreign";`);

    this.addSql(`alter table "project_secondary_use_case" drop constraint "project_secondary_use_case_project_id_foreign";`);

    this.addSql(`alter table "project_product" drop constraint "project_product_project_id_foreign";`);

    this.addSql(`alter table "project_owner" drop constraint "project_owner_project_id_foreign";`);

    this.addSql(`alter table "outcome" drop constraint "outcome_project_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_project_id_foreign";`);

    this.addSql(`drop table if exists "currency_rate" cascade;`);

    this.addSql(`drop table if exists "industry" cascade;`);

    this.addSql(`drop table if exists "product" cascade;`);

    this.addSql(`drop table if exists "sales_rep" cascade;`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "use_case" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "project_secondary_use_case" cascade;`);

    this.addSql(`drop table if exists "project_product" cascade;`);

    this.addSql(`drop table if exists "project_owner" cascade;`);

    this.addSql(`drop table if exists "outcome" cascade;`);

    this.addSql(`drop table if exists "draft" cascade;`);

    this.addSql(`drop table if exists "activity" cascade;`);
  }

}
