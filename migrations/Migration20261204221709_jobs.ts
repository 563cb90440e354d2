import { Migration } from '@mikro-orm/migrations';

/*
 * The job queue (docs/adr/0012-job-queue.md): progress of jobs in `job_progress`; mail is sent by `mail.send`
 * jobs, so the outbox no longer schedules its own retries. Mail still pending when this runs is handed to the
 * queue (graphile-worker's schema is migrated before ours), keeping its attempts and next attempt.
 */
export class Migration20261204221709_jobs extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "job_progress" ("job_id" bigint not null, "task" varchar(100) not null, "done" int not null, "total" int null, "message" text null, "updated_at" timestamptz not null, constraint "job_progress_pkey" primary key ("job_id"));`);

    // Dynamic SQL: on a database without graphile-worker's schema there is nothing to hand over to.
    this.addSql(`do $$ begin
      if to_regnamespace('graphile_worker') is not null then
        execute $sql$ select graphile_worker.add_job('mail.send', json_build_object('mailId', id), run_at => next_attempt_at,
          max_attempts => greatest(8 - attempts, 1)) from outbox_mail where status = 'PENDING' $sql$;
      end if;
    end $$;`);

    this.addSql(`drop index "outbox_mail_status_next_attempt_at_index";`);
    this.addSql(`alter table "outbox_mail" drop column "next_attempt_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "job_progress" cascade;`);

    this.addSql(`alter table "outbox_mail" add column "next_attempt_at" timestamptz not null default now();`);
    this.addSql(`create index "outbox_mail_status_next_attempt_at_index" on "outbox_mail" ("status", "next_attempt_at");`);
  }

}
