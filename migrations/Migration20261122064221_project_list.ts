import { Migration } from '@mikro-orm/migrations';

export class Migration20261122064221_project_list extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "project_lower_name_id_index" on "project" (lower("name"), "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "project_lower_name_id_index";`);
  }

}
