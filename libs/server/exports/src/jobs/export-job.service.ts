import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, forbidden, isUuid, validationFailed, type Forbidden, type ValidationFailed, type Viewer } from '@pams/server-core';
import { enqueueJob, readJobProgress } from '@pams/server-jobs';
import { User } from '@pams/server-identity';
import { KINDS } from '../export-kinds.js';
import { publicCodeOf } from '../http/http-errors.js';
import { exportFileName } from '../run-export.js';
import { ExportJob, ExportJobStatus } from './export-job.entity.js';
import { ExportJobType, type StartExportInput } from './export-job.types.js';
import { downloadPathOf, EXPORT_FILE_TTL_MS } from './export-files.js';

export const EXPORT_WRITE_TASK = 'exports.write';
/** A failure that is not the input's (the database went away) is tried again, twice. */
const WRITE_ATTEMPTS = 3;

export interface WriteExportPayload {
  exportId: string;
}

/**
 * Checks the export's parameters as the download would (shape, then the service's own rules in the
 * viewer's scope), then records the job and queues `exports.write` in one transaction.
 */
export async function startExport(em: EntityManager, viewer: Viewer, input: StartExportInput): Promise<ExportJobType | ValidationFailed | Forbidden> {
  const spec = KINDS[input.kind];
  if (typeof input.params !== 'object' || input.params === null || Array.isArray(input.params)) {
    const message = '"params" must be an object.';
    return validationFailed([fieldError('params', 'INVALID', message)], message);
  }
  let params: unknown;
  try {
    params = spec.parse(input.params);
    await spec.check(em, viewer, params);
  } catch (error) {
    const known = publicCodeOf(error);
    if (known?.code === 'BAD_USER_INPUT') return validationFailed([fieldError('params', 'INVALID', known.message)], known.message);
    if (known?.code === 'FORBIDDEN') return forbidden(known.message);
    throw error;
  }
  const id = randomUUID();
  const job = await em.transactional(async (tx) => {
    // Queued first, so the row is written once with its queue id; the worker hears of it on commit only.
    const queueJobId = await enqueueJob(tx, EXPORT_WRITE_TASK, { exportId: id } satisfies WriteExportPayload, { maxAttempts: WRITE_ATTEMPTS });
    const created = tx.create(ExportJob, {
      id,
      owner: tx.getReference(User, viewer.id),
      kind: input.kind,
      format: input.format,
      params: params as Record<string, unknown>,
      fileName: exportFileName(input.kind, input.format, params),
      queueJobId,
    });
    await tx.flush();
    return created;
  });
  return view(job, null);
}

/** The viewer's own export job with its progress; null for an unknown id or another user's job. */
export async function readExportJob(em: EntityManager, viewer: Viewer, id: string): Promise<ExportJobType | null> {
  if (!isUuid(id)) return null;
  const job = await em.findOne(ExportJob, { id, owner: viewer.id });
  if (!job) return null;
  const progress = job.queueJobId ? await readJobProgress(em, job.queueJobId) : null;
  return view(job, progress);
}

function view(job: ExportJob, progress: Awaited<ReturnType<typeof readJobProgress>>): ExportJobType {
  // A job the queue gave up on without the task saying so (the process died) is failed all the same.
  const gaveUp = progress?.queue?.state === 'FAILED' && job.status !== ExportJobStatus.DONE;
  const status = gaveUp ? ExportJobStatus.FAILED : job.status;
  // An instance, not a plain object: the StartExportResult union resolves its member by class.
  return Object.assign(new ExportJobType(), {
    id: job.id,
    kind: job.kind,
    format: job.format,
    status,
    done: status === ExportJobStatus.DONE ? (job.rowCount ?? 0) : (progress?.done ?? 0),
    total: progress?.total ?? job.rowCount ?? null,
    fileName: job.fileName,
    downloadUrl: status === ExportJobStatus.DONE ? downloadPathOf(job.id) : null,
    rowCount: job.rowCount ?? null,
    byteSize: job.byteSize == null ? null : Number(job.byteSize),
    error: job.error ?? (gaveUp ? 'The export failed; start it again.' : null),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt ?? null,
    expiresAt: new Date(job.createdAt.getTime() + EXPORT_FILE_TTL_MS),
  });
}

/** The job row as the download route and the task read it (plain SQL: no identity map to go stale). */
export interface ExportJobRow {
  id: string;
  owner_id: string;
  kind: ExportJob['kind'];
  format: ExportJob['format'];
  params: Record<string, unknown>;
  file_name: string;
  status: ExportJobStatus;
}

export async function exportJobRow(em: EntityManager, id: string): Promise<ExportJobRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.getConnection().execute<ExportJobRow[]>(
    'select id, owner_id, kind, format, params, file_name, status from export_job where id = ?',
    [id],
  );
  return row ?? null;
}
