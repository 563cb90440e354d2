import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, type FieldError } from '@pams/server-core';
import { LegacyImport, LegacyImportStatus, LegacyRowStatus, LegacyValueChoice, type LegacyDifference, type LegacyImportCounts } from '../entities/legacy-import.entity.js';
import { kindSpec } from '../kinds/index.js';
import type { KindSpec } from '../kinds/kind-spec.js';
import { rowBatch, updateRows, type StagedRow } from './rows-sql.js';

type Progress = (done: number, total: number | null, message?: string | null) => Promise<void>;

/** The entity properties the mapped, non-key fields set: what a match is compared on and a conflict may change. */
export function comparedProperties(spec: KindSpec<never> | KindSpec<Record<string, unknown>>, mapping: Record<string, number | null>): { property: string; label: string }[] {
  const createOnly = new Set(spec.createOnly ?? []);
  return spec.fields
    .filter((f) => !f.key && mapping[f.name] != null)
    .flatMap((f) => (f.properties ?? [f.name]).map((property) => ({ property, label: f.label })))
    .filter((p) => !createOnly.has(p.property));
}

const same = (a: unknown, b: unknown) => (a === null || a === undefined ? '' : String(a)) === (b === null || b === undefined ? '' : String(b));

function keyLabel(spec: KindSpec<Record<string, unknown>>): string {
  return spec.fields.filter((f) => f.key).map((f) => f.label.toLowerCase()).join(', ');
}

/**
 * The dry run: every staged row checked through the mapping (typed reasons), duplicates within the file
 * rejected (the first occurrence stays), then each valid row matched on its natural key: NEW, UNCHANGED,
 * CONFLICT (with before/after of each differing field; PAMS's values kept until someone decides) or
 * REJECTED when more than one record has the key. Only staging rows change.
 */
export async function checkImport(em: EntityManager, importId: string, progress: Progress): Promise<void> {
  const imp = await em.findOneOrFail(LegacyImport, importId);
  const spec = kindSpec(imp.kind);
  const mapping = imp.mapping;
  const ctx = await spec.load(em);
  const total = imp.stagedRows;
  const compared = comparedProperties(spec, mapping);

  // 1. Each row checked on its own and, when valid, matched on its key: one write per row, every column
  // the dry run owns (so a second dry run needs no reset).
  let after = 0;
  let done = 0;
  for (;;) {
    const batch = await rowBatch(em, importId, after);
    if (batch.length === 0) break;
    const checked = batch.map((row) => ({
      row,
      result: spec.check((field) => {
        const column = mapping[field];
        return column == null ? null : (row.cells[column] ?? null);
      }, ctx),
    }));
    const valid = checked.flatMap(({ result }) => (result.ok ? [result.row] : []));
    const existing = valid.length > 0 ? await spec.existing(em, valid) : new Map();
    const updates = checked.map(({ row, result }) => {
      if (!result.ok) {
        return { row_number: row.row_number, status: LegacyRowStatus.REJECTED, natural_key: null, incoming: null, display: null, reasons: result.reasons, differences: null, choices: null, target_id: null, target_version: null };
      }
      const staged = { ...row, natural_key: result.row.key, incoming: result.row.values, display: result.row.display };
      return { ...classify(staged, existing.get(result.row.key) ?? [], compared, spec), natural_key: result.row.key, incoming: result.row.values, display: result.row.display };
    });
    await updateRows(em, importId, updates, ['status', 'natural_key', 'incoming', 'display', 'reasons', 'differences', 'choices', 'target_id', 'target_version']);
    after = batch[batch.length - 1].row_number;
    done += batch.length;
    await progress(done, total, `Checked ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
  }

  // 2. The same key twice in the file: the later rows are rejected, naming the first.
  await em.execute(
    `update legacy_import_row r set status = 'REJECTED', differences = null, choices = null, target_id = null, target_version = null,
        reasons = jsonb_build_array(jsonb_build_object('field', 'row', 'code', 'DUPLICATE_IN_FILE', 'message', 'Row ' || d.first || ' of the file has the same ' || ?::text || '.'))
     from (select row_number, first_value(row_number) over (partition by natural_key order by row_number) as first
           from legacy_import_row where legacy_import_id = ? and natural_key is not null) d
     where r.legacy_import_id = ? and r.row_number = d.row_number and d.first <> d.row_number`,
    [keyLabel(spec), importId, importId],
  );

  await em.refresh(imp);
  Object.assign(imp, { status: LegacyImportStatus.CHECKED, counts: await countRows(em, importId), checkedAt: new Date(), error: null, jobId: null });
  await em.flush();
}

function classify(row: StagedRow, matches: { id: string; version: number; values: Record<string, unknown>; display: Record<string, string | null> }[], compared: { property: string; label: string }[], spec: KindSpec<Record<string, unknown>>): Partial<StagedRow> {
  const base = { row_number: row.row_number, differences: null, choices: null, target_id: null, target_version: null, reasons: null };
  if (matches.length === 0) return { ...base, status: LegacyRowStatus.NEW };
  if (matches.length > 1) {
    const reasons: FieldError[] = [fieldError('row', 'AMBIGUOUS_MATCH', `${matches.length} records in PAMS have the same ${keyLabel(spec)}: change one of them, or leave this row out.`)];
    return { ...base, status: LegacyRowStatus.REJECTED, reasons };
  }
  const [match] = matches;
  const incoming = row.incoming!;
  const differences: LegacyDifference[] = compared
    .filter((p) => p.property in incoming && !same(incoming[p.property], match.values[p.property]))
    .map((p) => ({ field: p.property, label: p.label, before: match.display[p.property] ?? null, after: row.display?.[p.property] ?? null }));
  const target = { target_id: match.id, target_version: match.version };
  if (differences.length === 0) return { ...base, ...target, status: LegacyRowStatus.UNCHANGED };
  const choices = Object.fromEntries(differences.map((d) => [d.field, LegacyValueChoice.PAMS]));
  return { ...base, ...target, status: LegacyRowStatus.CONFLICT, differences, choices };
}

/** Rows per status, and the conflicts the commit will change (a field choosing the file's value). */
export async function countRows(em: EntityManager, importId: string): Promise<LegacyImportCounts> {
  const rows = await em.execute<{ status: LegacyRowStatus; n: number; changing: number }[]>(
    `select status, count(*)::int as n,
        count(*) filter (where status = 'CONFLICT' and exists (select 1 from jsonb_each_text(choices) c where c.value = 'FILE'))::int as changing
     from legacy_import_row where legacy_import_id = ? group by status`,
    [importId],
  );
  const counts: LegacyImportCounts = { NEW: 0, CONFLICT: 0, UNCHANGED: 0, REJECTED: 0, willChange: 0 };
  for (const r of rows) {
    if (r.status in counts) counts[r.status as keyof Omit<LegacyImportCounts, 'willChange'>] = r.n;
    counts.willChange += r.changing;
  }
  return counts;
}
