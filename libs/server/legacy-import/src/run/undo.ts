import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '@pams/server-audit';
import { User } from '@pams/server-identity';
import { LegacyImport, LegacyImportStatus, type LegacyUndoBlocker } from '../entities/legacy-import.entity.js';
import { kindSpec } from '../kinds/index.js';
import { BatchRefused } from './commit.js';
import { EffortDelta, postChecks, takeFigures } from './post-checks.js';
import { rowBatch } from './rows-sql.js';

type Progress = (done: number, total: number | null, message?: string | null) => Promise<void>;

/** Blockers shown at most; the count says how many there are in all. */
const BLOCKERS_SHOWN = 50;

/**
 * The committed rows whose record was edited or removed since the commit (its version is no longer
 * the one the commit left): an undo would lose those edits, so it is refused while any exist.
 */
export async function undoBlockers(em: EntityManager, importId: string): Promise<{ total: number; rows: LegacyUndoBlocker[] }> {
  const imp = await em.findOneOrFail(LegacyImport, importId);
  const table = kindSpec(imp.kind).table;
  const rows = await em.execute<{ row_number: number; target_id: string; version: number | null; total: number }[]>(
    `select r.row_number, r.target_id, t.version, count(*) over ()::int as total
     from legacy_import_row r left join ${table} t on t.id = r.target_id
     where r.legacy_import_id = ? and r.applied is not null and (t.id is null or t.version <> r.applied_version)
     order by r.row_number limit ${BLOCKERS_SHOWN}`,
    [importId],
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      rowNumber: r.row_number,
      entityId: r.target_id,
      reason: r.version === null ? 'The record was removed since the commit.' : 'The record was edited since the commit.',
    })),
  };
}

/**
 * Plays the journal back in one transaction: records the commit created are deleted, records it
 * updated get their previous values back (each audited), then the post-checks: every collection at
 * its rows before minus what is removed, each month's effort as it was before the commit's changes.
 */
export async function undoImport(em: EntityManager, importId: string, actorId: string, progress: Progress): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute('select id from legacy_import where id = ? for update', [importId]);
    const imp = await tx.findOneOrFail(LegacyImport, importId, { refresh: true });
    const spec = kindSpec(imp.kind);
    // Locks the records, then checks none changed since the commit.
    await tx.execute(
      `select t.id from legacy_import_row r join ${spec.table} t on t.id = r.target_id where r.legacy_import_id = ? and r.applied is not null for update of t`,
      [importId],
    );
    const blockers = await undoBlockers(tx, importId);
    if (blockers.total > 0) {
      throw new BatchRefused(`${blockers.total} record${blockers.total === 1 ? ' was' : 's were'} edited since the commit; nothing was undone.`, false);
    }
    const before = await takeFigures(tx);
    const total = (imp.applied?.created ?? 0) + (imp.applied?.updated ?? 0);
    const delta = new EffortDelta();
    let removed = 0;
    let done = 0;
    let after = 0;
    for (;;) {
      const batch = await rowBatch(tx, importId, after, 'applied is not null');
      if (batch.length === 0) break;
      after = batch[batch.length - 1].row_number;
      const entities = new Map(
        (await tx.find(spec.entity, { id: { $in: batch.map((r) => r.target_id!) } } as never)).map((e) => [(e as { id: string }).id, e as Record<string, unknown>]),
      );
      for (const row of batch) {
        const entity = entities.get(row.target_id!)!;
        const effort = () => spec.effort?.({ date: entity.date, effortDays: entity.effortDays, effortHalfHours: entity.effortHalfHours }) ?? null;
        delta.add(effort(), -1);
        if (row.applied === 'CREATED') {
          tx.remove(entity);
          removed += 1;
        } else {
          tx.assign(entity, row.journal as never);
          delta.add(effort(), 1);
        }
        done += 1;
      }
      await tx.flush();
      tx.clear();
      await progress(done, total, `Undid ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
    }
    const checks = postChecks(before, await takeFigures(tx), spec.table, -removed, delta);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) throw new BatchRefused(`Post-checks of the undo failed (${failed.map((c) => c.name).join(', ')}): nothing was undone.`, false, checks);
    const undone = await tx.findOneOrFail(LegacyImport, importId, { refresh: true });
    Object.assign(undone, { status: LegacyImportStatus.UNDONE, postChecks: checks, undoneAt: new Date(), undoneBy: tx.getReference(User, actorId), error: null, jobId: null, undoBlockers: null });
    recordEvent(tx, { action: 'LegacyImport.undone', entityType: 'LegacyImport', entityId: importId, changes: { removed: { before: null, after: removed }, restored: { before: null, after: done - removed } } });
    await tx.flush();
  });
}
