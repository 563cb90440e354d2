import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, isUuid, notFound, validationFailed, type NotFound, type ValidationFailed, type Viewer } from '@pams/server-core';
import { readJobProgress } from '@pams/server-jobs';
import { LegacyImport, LegacyImportStatus, LegacyRowStatus, LegacyValueChoice } from './entities/legacy-import.entity.js';
import { kindSpec } from './kinds/index.js';
import { countRows } from './run/check.js';
import { rowBatch } from './run/rows-sql.js';
import { suggestMapping } from './run/stage.js';
import { CHECK_TASK, COMMIT_TASK, UNDO_TASK, enqueueStep } from './run/tasks.js';
import { undoBlockers } from './run/undo.js';
import {
  LegacyImportType,
  LegacyImportVersionConflict,
  LegacyImportWrongStep,
  LegacyUndoRefused,
  type ChooseLegacyValuesInput,
  type LegacyImportRowPageType,
  type MapLegacyImportInput,
} from './legacy-import.types.js';

const RUNNING = [LegacyImportStatus.STAGING, LegacyImportStatus.CHECKING, LegacyImportStatus.COMMITTING, LegacyImportStatus.UNDOING];

async function userName(em: EntityManager, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const [row] = await em.execute<{ name: string }[]>('select name from app_user where id = ?', [id]);
  return row?.name ?? null;
}

export async function importView(em: EntityManager, imp: LegacyImport): Promise<LegacyImportType> {
  const spec = kindSpec(imp.kind);
  const suggested = suggestMapping(spec.fields, imp.headers);
  const job = RUNNING.includes(imp.status) && imp.jobId ? await readJobProgress(em, imp.jobId) : null;
  const progress = imp.status === LegacyImportStatus.STAGING
    ? { done: imp.stagedRows, total: null, message: `Read ${imp.stagedRows.toLocaleString('en')} rows` }
    : job
      ? { done: job.done, total: job.total, message: job.message }
      : null;
  return Object.assign(new LegacyImportType(), {
    id: imp.id,
    version: imp.version,
    kind: imp.kind,
    fileName: imp.fileName,
    status: imp.status,
    uploadedByName: (await userName(em, imp.uploadedBy.id)) ?? '',
    createdAt: imp.createdAt,
    stagedRows: imp.stagedRows,
    headers: imp.headers,
    fields: spec.fields.map((f) => ({ name: f.name, label: f.label, required: f.required, key: f.key ?? false, column: imp.mapping[f.name] ?? null, suggested: suggested[f.name] ?? null })),
    counts: imp.counts && { new: imp.counts.NEW, conflict: imp.counts.CONFLICT, unchanged: imp.counts.UNCHANGED, rejected: imp.counts.REJECTED, willChange: imp.counts.willChange },
    progress,
    error: imp.error,
    postChecks: imp.postChecks,
    createdRecords: imp.applied?.created ?? null,
    updatedRecords: imp.applied?.updated ?? null,
    checkedAt: imp.checkedAt,
    committedAt: imp.committedAt,
    committedByName: await userName(em, imp.committedBy?.id),
    undoneAt: imp.undoneAt,
    undoBlockers: imp.undoBlockers,
  } satisfies LegacyImportType);
}

export async function legacyImport(em: EntityManager, id: string): Promise<LegacyImportType | null> {
  if (!isUuid(id)) return null;
  let imp = await em.findOne(LegacyImport, id, { refresh: true });
  // A step that died is reported as such at the next look, not left "running" for ever. Checked before any
  // lock: a running commit holds the import's row for its whole transaction, and polls must not wait on it.
  if (imp && (await stepDied(em, imp))) {
    imp = await em.transactional(async (tx) => {
      await tx.execute('select id from legacy_import where id = ? for update', [id]);
      const locked = await tx.findOneOrFail(LegacyImport, id, { refresh: true });
      await recoverStale(tx, locked);
      return locked;
    });
  }
  return imp ? importView(em, imp) : null;
}

export async function legacyImports(em: EntityManager, limit: number): Promise<LegacyImportType[]> {
  const list = await em.find(LegacyImport, {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  return Promise.all(list.map((imp) => importView(em, imp)));
}

/** The key of a row as people read it: its key fields' display values. */
export function keyText(kind: LegacyImport['kind'], display: Record<string, string | null> | null): string {
  if (!display) return '';
  return kindSpec(kind)
    .fields.filter((f) => f.key)
    .map((f) => display[(f.properties ?? [f.name])[0]] ?? '—')
    .join(' · ');
}

export const ROW_PAGE_MAX = 500;

export async function importRows(em: EntityManager, imp: Pick<LegacyImportType, 'id' | 'kind'>, options: { status: LegacyRowStatus | null; after: number; first: number }): Promise<LegacyImportRowPageType> {
  const rows = (await rowBatch(em, imp.id, options.after, options.status ? 'status = ?' : 'true', options.status ? [options.status] : [])).slice(0, options.first + 1);
  const page = rows.slice(0, options.first);
  return {
    nodes: page.map((r) => ({
      rowNumber: r.row_number,
      status: r.status,
      key: keyText(imp.kind, r.display),
      reasons: r.reasons ?? [],
      differences: (r.differences ?? []).map((d) => ({ ...d, choice: r.choices?.[d.field] ?? LegacyValueChoice.PAMS })),
      targetId: r.target_id,
      cells: r.cells,
    })),
    next: rows.length > options.first ? page[page.length - 1].row_number : null,
  };
}

type Gate = { imp: LegacyImport } | { refusal: NotFound | LegacyImportVersionConflict | LegacyImportWrongStep };

const STEP_NAMES: Partial<Record<LegacyImportStatus, string>> = {
  [LegacyImportStatus.STAGING]: 'still being read',
  [LegacyImportStatus.CHECKING]: 'in its dry run',
  [LegacyImportStatus.COMMITTING]: 'being committed',
  [LegacyImportStatus.UNDOING]: 'being undone',
  [LegacyImportStatus.COMMITTED]: 'committed',
  [LegacyImportStatus.UNDONE]: 'undone',
  [LegacyImportStatus.FAILED]: 'failed',
  [LegacyImportStatus.STAGED]: 'not yet dry-run',
};

/** Where a step that died without a word (the worker stopped mid-run; steps are never retried) leaves its import. */
const BEFORE_STEP: Partial<Record<LegacyImportStatus, LegacyImportStatus>> = {
  [LegacyImportStatus.CHECKING]: LegacyImportStatus.STAGED,
  [LegacyImportStatus.COMMITTING]: LegacyImportStatus.CHECKED,
  [LegacyImportStatus.UNDOING]: LegacyImportStatus.COMMITTED,
};

/**
 * A running step whose job has left the queue, or failed there, without moving the import on: its
 * transaction rolled back, so the import goes back to the step before, saying so (the version moves, so
 * the admin sees it before acting again).
 */
/** The step's job has left the queue, or failed there: it will not move the import on any more. */
async function stepDied(em: EntityManager, imp: LegacyImport): Promise<boolean> {
  if (!BEFORE_STEP[imp.status] || !imp.jobId) return false;
  const job = await readJobProgress(em, imp.jobId);
  return !job?.queue || job.queue.state === 'FAILED';
}

async function recoverStale(tx: EntityManager, imp: LegacyImport): Promise<void> {
  const back = BEFORE_STEP[imp.status];
  if (!back || !(await stepDied(tx, imp))) return;
  const name = imp.status === LegacyImportStatus.CHECKING ? 'dry run' : imp.status === LegacyImportStatus.COMMITTING ? 'commit' : 'undo';
  const kept = imp.status === LegacyImportStatus.CHECKING ? 'run it again' : 'its transaction was rolled back, so nothing changed: start it again';
  Object.assign(imp, { status: back, jobId: null, error: `The ${name} stopped before it finished (its worker stopped); ${kept}.` });
  await tx.flush();
}

/** The import locked for this transaction, when it is at `expectedVersion` and at one of `steps`. */
async function lockImport(tx: EntityManager, id: string, expectedVersion: number, steps: LegacyImportStatus[], doing: string): Promise<Gate> {
  if (!isUuid(id)) return { refusal: notFound('No such import.') };
  const [locked] = await tx.execute<{ id: string }[]>('select id from legacy_import where id = ? for update', [id]);
  const imp = locked ? await tx.findOne(LegacyImport, id, { refresh: true }) : null;
  if (!imp) return { refusal: notFound('No such import.') };
  await recoverStale(tx, imp);
  if (imp.version !== expectedVersion) {
    return {
      refusal: Object.assign(new LegacyImportVersionConflict(), {
        message: 'This import changed since you looked at it (another admin, or a step finished). Nothing was done: look at it again.',
        current: await importView(tx, imp),
      }),
    };
  }
  if (!steps.includes(imp.status)) {
    return {
      refusal: Object.assign(new LegacyImportWrongStep(), { message: `Cannot ${doing}: the import is ${STEP_NAMES[imp.status] ?? imp.status.toLowerCase()}.`, current: await importView(tx, imp) }),
    };
  }
  return { imp };
}

type StepResult = LegacyImportType | NotFound | LegacyImportVersionConflict | LegacyImportWrongStep | ValidationFailed;

async function step(em: EntityManager, id: string, expectedVersion: number, steps: LegacyImportStatus[], doing: string, change: (tx: EntityManager, imp: LegacyImport) => Promise<ValidationFailed | LegacyUndoRefused | void>) {
  const result = await em.transactional(async (tx) => {
    const gate = await lockImport(tx, id, expectedVersion, steps, doing);
    if ('refusal' in gate) return gate.refusal;
    const refused = await change(tx, gate.imp);
    if (refused) return refused;
    await tx.flush();
    return 'done' as const;
  });
  return result === 'done' ? (await legacyImport(em.fork(), id))! : result;
}

/** Sets which column feeds which field; the dry run must (re)run after. */
export function mapLegacyImport(em: EntityManager, input: MapLegacyImportInput): Promise<StepResult> {
  return step(em, input.importId, input.expectedVersion, [LegacyImportStatus.STAGED, LegacyImportStatus.CHECKED], 'change the mapping', async (_tx, imp) => {
    const spec = kindSpec(imp.kind);
    const errors = input.columns.flatMap((c, i) => {
      if (!spec.fields.some((f) => f.name === c.field)) return [fieldError(`columns.${i}.field`, 'UNKNOWN_FIELD', `"${c.field}" is not a field of ${imp.kind.toLowerCase()}: use one of ${spec.fields.map((f) => f.name).join(', ')}.`)];
      if (c.column != null && (!Number.isInteger(c.column) || c.column < 0 || c.column >= imp.headers.length)) {
        return [fieldError(`columns.${i}.column`, 'NO_SUCH_COLUMN', `The file has columns 0 to ${imp.headers.length - 1}, not ${c.column}.`)];
      }
      return [];
    });
    if (errors.length > 0) return validationFailed(errors, 'The mapping names fields or columns that do not exist: nothing was changed.');
    const mapping = { ...imp.mapping, ...Object.fromEntries(input.columns.map((c) => [c.field, c.column ?? null])) };
    const used = Object.entries(mapping).filter(([, c]) => c != null);
    const twice = used.find(([f, c]) => used.some(([g, d]) => g !== f && d === c));
    if (twice) return validationFailed([fieldError('columns', 'COLUMN_TWICE', `Column "${imp.headers[twice[1]!]}" is mapped to two fields.`)]);
    Object.assign(imp, { mapping, status: LegacyImportStatus.STAGED, counts: null, error: null });
  });
}

/** Queues the dry run; every required field must have a column. */
export function checkLegacyImport(em: EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<StepResult> {
  return step(em, id, expectedVersion, [LegacyImportStatus.STAGED, LegacyImportStatus.CHECKED], 'run the dry run', async (tx, imp) => {
    const missing = kindSpec(imp.kind).fields.filter((f) => f.required && imp.mapping[f.name] == null);
    if (missing.length > 0) return validationFailed(missing.map((f) => fieldError(f.name, 'REQUIRED', `Map a column to ${f.label}.`)), 'Some required fields have no column.');
    imp.jobId = await enqueueStep(tx, CHECK_TASK, { importId: imp.id, actorId: viewer.id });
    Object.assign(imp, { status: LegacyImportStatus.CHECKING, error: null });
  });
}

/** Decides conflicts: one row or all, one field or all, keeps PAMS's value or takes the file's. */
export function chooseLegacyValues(em: EntityManager, input: ChooseLegacyValuesInput): Promise<StepResult> {
  return step(em, input.importId, input.expectedVersion, [LegacyImportStatus.CHECKED], 'decide conflicts', async (tx, imp) => {
    const rowFilter = input.rowNumber == null ? '' : ' and row_number = ?';
    const fieldFilter = input.field == null ? '' : ` and differences @> jsonb_build_array(jsonb_build_object('field', ?::text))`;
    const params = [...(input.rowNumber == null ? [] : [input.rowNumber]), ...(input.field == null ? [] : [input.field])];
    const [{ n }] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from legacy_import_row where legacy_import_id = ? and status = 'CONFLICT'${rowFilter}${fieldFilter}`,
      [imp.id, ...params],
    );
    if (n === 0) {
      const what = [input.rowNumber == null ? null : `row ${input.rowNumber}`, input.field == null ? null : `field "${input.field}"`].filter(Boolean).join(' and ');
      return validationFailed([fieldError(input.rowNumber == null ? 'field' : 'rowNumber', 'NO_CONFLICT', `No conflict has ${what || 'anything to decide'}.`)]);
    }
    const set = input.field == null
      ? `(select jsonb_object_agg(d->>'field', ?::text) from jsonb_array_elements(differences) d)`
      : `choices || jsonb_build_object(?::text, ?::text)`;
    const setParams = input.field == null ? [input.take] : [input.field, input.take];
    await tx.execute(`update legacy_import_row set choices = ${set} where legacy_import_id = ? and status = 'CONFLICT'${rowFilter}${fieldFilter}`, [...setParams, imp.id, ...params]);
    imp.decisionCount += 1;
    imp.counts = await countRows(tx, imp.id);
  });
}

/** Queues the commit of a dry-run import. */
export function commitLegacyImport(em: EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<StepResult> {
  return step(em, id, expectedVersion, [LegacyImportStatus.CHECKED], 'commit', async (tx, imp) => {
    if ((imp.counts?.NEW ?? 0) + (imp.counts?.willChange ?? 0) === 0) {
      return validationFailed([fieldError('id', 'NOTHING_TO_COMMIT', 'No row would create or change a record: nothing to commit.')]);
    }
    imp.jobId = await enqueueStep(tx, COMMIT_TASK, { importId: imp.id, actorId: viewer.id });
    Object.assign(imp, { status: LegacyImportStatus.COMMITTING, error: null });
  });
}

/** Queues the undo of a committed import, refused at once (with the rows) if any of its records was edited since. */
export async function undoLegacyImport(em: EntityManager, viewer: Viewer, id: string, expectedVersion: number): Promise<StepResult | LegacyUndoRefused> {
  return step(em, id, expectedVersion, [LegacyImportStatus.COMMITTED], 'undo', async (tx, imp) => {
    const blockers = await undoBlockers(tx, imp.id);
    if (blockers.total > 0) {
      return Object.assign(new LegacyUndoRefused(), {
        message: `${blockers.total} record${blockers.total === 1 ? ' was' : 's were'} edited or removed since the commit: undoing would lose ${blockers.total === 1 ? 'that change' : 'those changes'}. Nothing was undone.`,
        total: blockers.total,
        rows: blockers.rows,
      });
    }
    imp.jobId = await enqueueStep(tx, UNDO_TASK, { importId: imp.id, actorId: viewer.id });
    Object.assign(imp, { status: LegacyImportStatus.UNDOING, error: null, undoBlockers: null });
  }) as Promise<StepResult | LegacyUndoRefused>;
}
