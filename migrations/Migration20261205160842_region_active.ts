import { Migration } from '@mikro-orm/migrations';

/** Regions can be retired by admins (issue 9, reference data): kept on users and reps, not offered anew. */
export class Migration20261205160842_region_active extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "region" add column "active" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "region" drop column "active";`);
  }

}
