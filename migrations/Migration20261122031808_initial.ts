import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031808_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "actor_id" uuid null, "actor_kind" varchar(16) not null, "action" varchar(80) not null, "entity_type" varchar(60) not null, "entity_id" varchar(80) null, "changes" jsonb null, "request_id" varchar(64) null);`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(`create index "audit_event_actor_id_index" on "audit_event" ("actor_id");`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action");`);
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);

    this.addSql(`create table "outbox_mail" ("id" uuid not null, "to" varchar(254) not null, "subject" varchar(200) not null, "text" text not null, "html" text null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, constraint "outbox_mail_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_mail_status_created_at_index" on "outbox_mail" ("status", "created_at");`);

    this.addSql(`create table "region" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(80) not null, constraint "region_pkey" primary key ("id"));`);
    this.addSql(`alter table "region" add constraint "region_name_unique" unique ("name");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(254) not null, "name" varchar(120) not null, "role" text check ("role" in ('ADMIN', 'LEADER', 'MANAGER', 'MEMBER', 'ANALYST')) not null, "default_region_id" uuid null, "status" text check ("status" in ('ACTIVE', 'DISABLED')) not null default 'ACTIVE', "must_change_password" boolean not null default false, "password_hash" varchar(255) not null, "password_changed_at" timestamptz null, "last_logged_date" date null, constraint "app_user_pkey" primary key ("id"), constraint app_user_email_lower check (email = lower(email)));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_role_index" on "app_user" ("role");`);

    this.addSql(`create table "user_session" ("id" varchar(64) not null, "handle" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(40) null, "ip" varchar(64) null, "user_agent" varchar(300) null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`create index "user_session_handle_index" on "user_session" ("handle");`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);

    this.addSql(`create table "password_reset" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "password_reset_pkey" primary key ("id"));`);
    this.addSql(`create index "password_reset_user_id_index" on "password_reset" ("user_id");`);
    this.addSql(`alter table "password_reset" add constraint "password_reset_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "app_user_region" ("user_id" uuid not null, "region_id" uuid not null, constraint "app_user_region_pkey" primary key ("user_id", "region_id"));`);

    this.addSql(`create table "access_token" ("id" uuid not null, "user_id" uuid not null, "name" varchar(80) not null, "prefix" varchar(16) not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "access_token_pkey" primary key ("id"));`);
    this.addSql(`create index "access_token_user_id_index" on "access_token" ("user_id");`);
    this.addSql(`alter table "access_token" add constraint "access_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "app_user" add constraint "app_user_default_region_id_foreign" foreign key ("default_region_id") references "region" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "password_reset" add constraint "password_reset_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "app_user_region" add constraint "app_user_region_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "app_user_region" add constraint "app_user_region_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "access_token" add constraint "access_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_default_region_id_foreign";`);

    this.addSql(`alter table "app_user_region" drop constraint "app_user_region_region_id_foreign";`);

    this.addSql(`alter table "user_session" drop constraint "user_session_user_id_foreign";`);

    this.addSql(`alter table "password_reset" drop constraint "password_reset_user_id_foreign";`);

    this.addSql(`alter table "app_user_region" drop constraint "app_user_region_user_id_foreign";`);

    this.addSql(`alter table "access_token" drop constraint "access_token_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "outbox_mail" cascade;`);

    this.addSql(`drop table if exists "region" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`drop table if exists "password_reset" cascade;`);

    this.addSql(`drop table if exists "app_user_region" cascade;`);

    this.addSql(`drop table if exists "access_token" cascade;`);
  }

}
