import { Migration } from '@mikro-orm/migrations';

export class Migration20261205155732_export_json_audit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "export_job" drop constraint if exists "export_job_kind_check";`);
    this.addSql(`alter table "export_job" drop constraint if exists "export_job_format_check";`);

    this.addSql(`alter table "export_job" add constraint "export_job_kind_check" check("kind" in ('ACTIVITY_REPORT', 'OUTCOME_REPORT', 'ACTIVITIES', 'AUDIT_EVENTS'));`);
    this.addSql(`alter table "export_job" add constraint "export_job_format_check" check("format" in ('CSV', 'XLSX', 'PDF', 'JSON'));`);
  }

  override async down(): Promise<void> {
    // Export jobs are kept a day; those the older checks would refuse go with this migration.
    this.addSql(`delete from "export_job" where "kind" = 'AUDIT_EVENTS' or "format" = 'JSON';`);
    this.addSql(`alter table "export_job" drop constraint if exists "export_job_kind_check";`);
    this.addSql(`alter table "export_job" drop constraint if exists "export_job_format_check";`);

    this.addSql(`alter table "export_job" add constraint "export_job_kind_check" check("kind" in ('ACTIVITY_REPORT', 'OUTCOME_REPORT', 'ACTIVITIES'));`);
    this.addSql(`alter table "export_job" add constraint "export_job_format_check" check("format" in ('CSV', 'XLSX', 'PDF'));`);
  }

}
