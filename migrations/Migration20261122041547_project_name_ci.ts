import { Migration } from '@mikro-orm/migrations';

export class Migration20261122041547_project_name_ci extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "project" drop constraint "project_account_id_name_unique";`);

    this.addSql(`create unique index "project_account_lower_name_unique" on "project" ("account_id", lower("name"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "project_account_lower_name_unique";`);

    this.addSql(`alter table "project" add constraint "project_account_id_name_unique" unique ("account_id", "name");`);
  }

}
