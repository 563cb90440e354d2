import { Migration } from '@mikro-orm/migrations';

export class Migration20261122061046_mail_backoff extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "outbox_mail_status_created_at_index";`);

    this.addSql(`alter table "outbox_mail" add column "next_attempt_at" timestamptz not null default now();`);
    this.addSql(`create index "outbox_mail_status_next_attempt_at_index" on "outbox_mail" ("status", "next_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "outbox_mail_status_next_attempt_at_index";`);
    this.addSql(`alter table "outbox_mail" drop column "next_attempt_at";`);

    this.addSql(`create index "outbox_mail_status_created_at_index" on "outbox_mail" ("status", "created_at");`);
  }

}
