import { randomBytes } from 'node:crypto';
import { helper, Reference } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '@pams/server-audit';
import { User, hashPassword } from '@pams/server-identity';
import { LegacyImport, LegacyImportKind, LegacyImportStatus, LegacyRowStatus, LegacyValueChoice, type LegacyPostCheck } from '../entities/legacy-import.entity.js';
import { kindSpec } from '../kinds/index.js';
import { EffortDelta, postChecks, takeFigures } from './post-checks.js';
import { rowBatch, updateRows, type StagedRow } from './rows-sql.js';

type Progress = (done: number, total: number | null, message?: string | null) => Promise<void>;

/** The commit or undo did not happen; `restage` when the dry run is stale and must run again. */
export class BatchRefused extends Error {
  constructor(message: string, readonly restage = false, readonly checks: LegacyPostCheck[] | null = null) {
    super(message);
  }
}

/** A property as the journal keeps it: references as their id. */
function plainValue(value: unknown): unknown {
  if (value instanceof Reference) return value.getEntity() ? helper(value.getEntity()).getPrimaryKey() : null;
  if (value && typeof value === 'object' && helper(value as object)?.__meta) return helper(value as object).getPrimaryKey();
  return value ?? null;
}

function fieldsOf(entity: object, properties: string[]): Record<string, unknown> {
  return Object.fromEntries(properties.map((p) => [p, plainValue((entity as Record<string, unknown>)[p])]));
}

/**
 * Applies a checked import in one transaction: NEW rows created, CONFLICT rows updated with the fields
 * chosen from the file (each refused if the record changed since the dry run), every change audited by
 * the ORM as its own event plus one `LegacyImport.committed`; the journal (what each record held before)
 * written to the staging rows; then the post-checks, which roll everything back unless all pass.
 */
export async function commitImport(em: EntityManager, importId: string, actorId: string, progress: Progress): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute('select id from legacy_import where id = ? for update', [importId]);
    const imp = await tx.findOneOrFail(LegacyImport, importId, { refresh: true });
    const spec = kindSpec(imp.kind);
    const ctx = await spec.load(tx);
    if (imp.kind === LegacyImportKind.USERS) ctx.passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const before = await takeFigures(tx);
    const total = (imp.counts?.NEW ?? 0) + (imp.counts?.willChange ?? 0);
    const delta = new EffortDelta();
    let created = 0;
    let updated = 0;
    let after = 0;
    for (;;) {
      const batch = await rowBatch(tx, importId, after, `status = 'NEW' or (status = 'CONFLICT' and exists (select 1 from jsonb_each_text(choices) c where c.value = 'FILE'))`);
      if (batch.length === 0) break;
      after = batch[batch.length - 1].row_number;
      const fresh = batch.filter((r) => r.status === LegacyRowStatus.NEW);
      const appeared = fresh.length > 0 ? await spec.existing(tx, fresh.map((r) => ({ values: r.incoming!, display: r.display!, key: r.natural_key! }))) : new Map();
      const clash = fresh.find((r) => appeared.has(r.natural_key!));
      if (clash) throw new BatchRefused(`Row ${clash.row_number}: a record with the same key was added since the dry run. Run the dry run again.`, true);
      const targets = new Map<string, object>();
      const changing = batch.filter((r) => r.status === LegacyRowStatus.CONFLICT);
      if (changing.length > 0) {
        for (const entity of await tx.find(spec.entity, { id: { $in: changing.map((r) => r.target_id!) } } as never)) targets.set((entity as { id: string }).id, entity);
      }
      const applied: { row: StagedRow; entity: object; journal: Record<string, unknown> | null }[] = [];
      for (const row of batch) {
        if (row.status === LegacyRowStatus.NEW) {
          const entity = tx.create(spec.entity, (spec.forCreate?.(row.incoming!, ctx) ?? row.incoming!) as never);
          delta.add(spec.effort?.(row.incoming!) ?? null, 1);
          applied.push({ row, entity, journal: null });
          created += 1;
          continue;
        }
        const entity = targets.get(row.target_id!) as (object & { version: number }) | undefined;
        if (!entity || entity.version !== row.target_version) {
          throw new BatchRefused(`Row ${row.row_number}: the record it matches was changed or removed since the dry run. Run the dry run again.`, true);
        }
        const chosen = Object.entries(row.choices ?? {}).filter(([, c]) => c === LegacyValueChoice.FILE).map(([p]) => p);
        const journal = fieldsOf(entity, spec.effort ? [...chosen, 'date', 'effortDays', 'effortHalfHours'] : chosen);
        delta.add(spec.effort?.(journal) ?? null, -1);
        tx.assign(entity, Object.fromEntries(chosen.map((p) => [p, row.incoming![p]])) as never);
        delta.add(spec.effort?.(fieldsOf(entity, ['date', 'effortDays', 'effortHalfHours'])) ?? null, 1);
        applied.push({ row, entity, journal: fieldsOf(journal, chosen) });
        updated += 1;
      }
      await tx.flush();
      await updateRows(
        tx,
        importId,
        applied.map(({ row, entity, journal }) => ({
          row_number: row.row_number,
          target_id: (entity as { id: string }).id,
          applied: journal ? 'UPDATED' : 'CREATED',
          applied_version: (entity as { version: number }).version,
          journal,
        })),
        ['target_id', 'applied', 'applied_version', 'journal'],
      );
      // The identity map holds only this batch: memory does not grow with the file.
      tx.clear();
      await progress(created + updated, total, `Applied ${(created + updated).toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
    }
    const checks = postChecks(before, await takeFigures(tx), spec.table, created, delta);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0) throw new BatchRefused(`Post-checks failed (${failed.map((c) => c.name).join(', ')}): nothing was committed.`, false, checks);
    const done = await tx.findOneOrFail(LegacyImport, importId, { refresh: true });
    Object.assign(done, {
      status: LegacyImportStatus.COMMITTED,
      postChecks: checks,
      applied: { created, updated },
      committedAt: new Date(),
      committedBy: tx.getReference(User, actorId),
      error: null,
      jobId: null,
      undoBlockers: null,
    });
    recordEvent(tx, { action: 'LegacyImport.committed', entityType: 'LegacyImport', entityId: importId, changes: { created: { before: null, after: created }, updated: { before: null, after: updated } } });
    await tx.flush();
  });
}

/** Where an undo or commit leaves the import when refused: FAILED, or STAGED when the dry run must run again. */
export async function markRefused(em: EntityManager, importId: string, error: BatchRefused | Error, status: LegacyImportStatus): Promise<void> {
  const imp = await em.findOneOrFail(LegacyImport, importId, { refresh: true });
  const refused = error instanceof BatchRefused ? error : null;
  Object.assign(imp, {
    status: refused?.restage ? LegacyImportStatus.STAGED : status,
    error: error.message,
    postChecks: refused?.checks ?? imp.postChecks,
    jobId: null,
  });
  await em.flush();
}
