import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TaskHandler, Viewer } from '@pams/server-core';
import type { Role } from '@pams/shared-util';
import { publicCodeOf } from '../http/http-errors.js';
import { runExport } from '../run-export.js';
import { ExportJobStatus } from './export-job.entity.js';
import { exportJobRow, type WriteExportPayload } from './export-job.service.js';
import { exportFilePath } from './export-files.js';

/** Progress is written at most this often (and once at the start and the end). */
const PROGRESS_EVERY_MS = 250;

/** The owner as they are now (role, regions): the export is theirs and reads in their scope, or not at all. */
async function ownerViewer(em: EntityManager, userId: string): Promise<Viewer | null> {
  const [row] = await em.getConnection().execute<{ id: string; email: string; name: string; role: Role; must_change_password: boolean; region_ids: string[] | null }[]>(
    `select u.id, u.email, u.name, u.role, u.must_change_password,
        (select array_agg(r.region_id order by r.region_id) from app_user_region r where r.user_id = u.id) as region_ids
       from app_user u where u.id = ? and u.status = 'ACTIVE'`,
    [userId],
  );
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    regionIds: row.region_ids ?? [],
    mustChangePassword: row.must_change_password,
    via: 'session',
    credentialId: `export-job`,
  };
}

async function mark(em: EntityManager, id: string, status: ExportJobStatus, extra: { error?: string; rowCount?: number; byteSize?: number } = {}): Promise<void> {
  const final = status === ExportJobStatus.DONE || status === ExportJobStatus.FAILED;
  await em.getConnection().execute(
    `update export_job set status = ?, error = ?, row_count = coalesce(?, row_count), byte_size = coalesce(?, byte_size),
        started_at = coalesce(started_at, now()), finished_at = ${final ? 'now()' : 'null'}
      where id = ?`,
    [status, extra.error ?? null, extra.rowCount ?? null, extra.byteSize ?? null, id],
  );
}

/**
 * `exports.write`: writes one export job's file under `<PAMS_DATA_DIR>/exports/<id>.<ext>` (through a
 * `.part` file, renamed when complete, so a file that exists is whole), reporting rows done of the total.
 * The input's own errors fail the job at once; other failures are retried by the queue.
 */
export const writeExportTask: TaskHandler<WriteExportPayload> = async ({ exportId }, helpers) => {
  const { em, log, config } = helpers;
  const job = await exportJobRow(em, exportId);
  if (!job || job.status === ExportJobStatus.DONE) {
    log.info({ exportId }, job ? 'export already written' : 'export job no longer exists');
    return;
  }
  const viewer = await ownerViewer(em, job.owner_id);
  if (!viewer) {
    await mark(em, job.id, ExportJobStatus.FAILED, { error: 'Its owner can no longer sign in.' });
    return;
  }
  await mark(em, job.id, ExportJobStatus.RUNNING);
  const file = exportFilePath(config, job.id, job.format);
  const part = `${file}.part`;
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(part);
  let total: number | null = null;
  let done = 0;
  let reported = 0;
  try {
    await runExport(em.fork(), viewer, job.kind, job.format, job.params, out, {
      onOpen: async (source) => {
        total = source.total;
        await helpers.progress(0, total);
        reported = Date.now();
      },
      onRows: async (rows) => {
        done = rows;
        if (Date.now() - reported < PROGRESS_EVERY_MS) return;
        reported = Date.now();
        await helpers.progress(done, total);
      },
    });
    await fsp.rename(part, file);
    const { size } = await fsp.stat(file);
    await helpers.progress(done, total ?? done);
    await mark(em, job.id, ExportJobStatus.DONE, { rowCount: done, byteSize: size });
    log.info({ exportId, rows: done, bytes: size }, 'export written');
  } catch (error) {
    out.destroy();
    await fsp.rm(part, { force: true });
    const known = publicCodeOf(error);
    if (known) {
      // The input (or the owner's scope) will not get better by trying again.
      await mark(em, job.id, ExportJobStatus.FAILED, { error: known.message });
      return;
    }
    await mark(em, job.id, helpers.lastAttempt ? ExportJobStatus.FAILED : ExportJobStatus.QUEUED, {
      error: helpers.lastAttempt ? 'The export failed; start it again.' : undefined,
    });
    throw error;
  }
};
