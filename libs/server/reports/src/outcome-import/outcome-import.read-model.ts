import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, type KeysetConnection, type Viewer } from '@pams/server-core';
import type { Currency, OutcomeResult } from '@pams/shared-util';
import { uuidArray } from './match-rows.js';
import { mayEditImport } from './outcome-import.access.js';
import { OutcomeImportRowStatus, type OutcomeImportCandidate, type OutcomeImportMatch, type OutcomeImportStatus } from './outcome-import.entity.js';
import { OutcomeImportType, type OutcomeImportCounts, type OutcomeImportRowType } from './outcome-import.types.js';

export interface ImportRecord {
  id: string;
  version: number;
  file_name: string;
  status: OutcomeImportStatus;
  row_count: number;
  uploaded_by_id: string;
  uploaded_by_name: string;
  region_ids: string[];
  created_at: Date;
  applied_at: Date | null;
  applied_by_name: string | null;
  applied_count: number | null;
}

const IMPORT_SELECT = `select i.id, i.version, i.file_name, i.status, i.row_count, i.uploaded_by_id, u.name as uploaded_by_name, i.region_ids,
    i.created_at, i.applied_at, ab.name as applied_by_name, i.applied_count
  from outcome_import i join app_user u on u.id = i.uploaded_by_id left join app_user ab on ab.id = i.applied_by_id`;

export async function findImportRecord(em: EntityManager, id: string): Promise<ImportRecord | null> {
  const [row] = await em.getConnection().execute<ImportRecord[]>(`${IMPORT_SELECT} where i.id = ?`, [id]);
  return row ?? null;
}

export async function importRecords(em: EntityManager, scope: { sql: string; params: unknown[] }, limit: number): Promise<ImportRecord[]> {
  return em.getConnection().execute<ImportRecord[]>(`${IMPORT_SELECT} where ${scope.sql} order by i.created_at desc, i.id limit ${limit}`, scope.params);
}

async function countsOf(em: EntityManager, importIds: string[]): Promise<Map<string, OutcomeImportCounts>> {
  const rows = await em.getConnection().execute<{ outcome_import_id: string; status: OutcomeImportRowStatus; skipped: boolean; n: number }[]>(
    `select outcome_import_id, status, skipped, count(*)::int as n from outcome_import_row where outcome_import_id = any(?::uuid[]) group by 1, 2, 3`,
    [uuidArray(importIds)],
  );
  const counts = new Map<string, OutcomeImportCounts>();
  for (const id of importIds) counts.set(id, { matched: 0, ambiguous: 0, unmatched: 0, duplicate: 0, invalid: 0, skipped: 0, ready: 0, pending: 0 });
  for (const row of rows) {
    const c = counts.get(row.outcome_import_id)!;
    c[row.status.toLowerCase() as 'matched'] += row.n;
    if (row.skipped) c.skipped += row.n;
    else if (row.status === OutcomeImportRowStatus.MATCHED) c.ready += row.n;
    else c.pending += row.n;
  }
  return counts;
}

/** Imports as the API shows them, with their row counts by status. */
export async function asImports(em: EntityManager, viewer: Viewer, records: ImportRecord[]): Promise<OutcomeImportType[]> {
  const counts = await countsOf(em, records.map((r) => r.id));
  // Instances, not plain objects: the mutations' unions resolve by class.
  return records.map((r) => Object.assign(new OutcomeImportType(), {
    id: r.id,
    version: r.version,
    fileName: r.file_name,
    status: r.status,
    rowCount: r.row_count,
    uploadedById: r.uploaded_by_id,
    uploadedByName: r.uploaded_by_name,
    uploadedAt: new Date(r.created_at),
    appliedAt: r.applied_at ? new Date(r.applied_at) : null,
    appliedByName: r.applied_by_name,
    appliedCount: r.applied_count,
    editable: mayEditImport(viewer, { uploadedById: r.uploaded_by_id, regionIds: r.region_ids }) && r.status === 'REVIEW',
    counts: counts.get(r.id)!,
  }));
}

export async function importById(em: EntityManager, viewer: Viewer, id: string): Promise<OutcomeImportType> {
  const [one] = await asImports(em, viewer, [(await findImportRecord(em, id))!]);
  return one;
}

interface RowRecord {
  id: string;
  row_number: number;
  crm_id: string | null;
  account_name: string | null;
  project_name: string | null;
  result: OutcomeResult | null;
  close_date: string | null;
  mrr_amount: string | null;
  currency: Currency | null;
  one_time_value: string | null;
  sales_rep: string | null;
  reason: string | null;
  competitors: string | null;
  crm_link: string | null;
  status: OutcomeImportRowStatus;
  skipped: boolean;
  project_id: string | null;
  p_name: string | null;
  p_account_name: string | null;
  matched_by: OutcomeImportMatch | null;
  candidates: OutcomeImportCandidate[];
  errors: string[];
  message: string | null;
  outcome_id: string | null;
}

const ROWS_KEYSET = defineKeyset<RowRecord>([{ sql: 'r.row_number', direction: 'asc', kind: 'bigint', read: (row) => String(row.row_number) }]);
export const ROWS_PAGE_DEFAULT = 100;
export const ROWS_PAGE_MAX = 500;

/** An import's rows in sheet order, a keyset page at a time, optionally of one status. */
export async function importRows(
  em: EntityManager,
  importId: string,
  args: { first?: number | null; after?: string | null; status?: OutcomeImportRowStatus | null },
): Promise<KeysetConnection<OutcomeImportRowType>> {
  const page = ROWS_KEYSET.page(checkedPageSize(args.first, ROWS_PAGE_DEFAULT, ROWS_PAGE_MAX), args.after);
  const where = ['r.outcome_import_id = ?'];
  const params: unknown[] = [importId];
  if (args.status) {
    where.push('r.status = ?');
    params.push(args.status);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.getConnection().execute<RowRecord[]>(
    `select r.id, r.row_number, r.crm_id, r.account_name, r.project_name, r.result, to_char(r.close_date, 'YYYY-MM-DD') as close_date,
        r.mrr_amount, r.currency, r.one_time_value, r.sales_rep, r.reason, r.competitors, r.crm_link, r.status, r.skipped,
        r.project_id, p.name as p_name, a.name as p_account_name, r.matched_by, r.candidates, r.errors, r.message, r.outcome_id
      from outcome_import_row r left join project p on p.id = r.project_id left join account a on a.id = p.account_id
      where ${where.join(' and ')} order by ${page.orderBy} limit ${page.limit}`,
    params,
  );
  return page.connection(rows, (nodes) =>
    nodes.map((r) => ({
      id: r.id,
      rowNumber: r.row_number,
      crmId: r.crm_id,
      accountName: r.account_name,
      projectName: r.project_name,
      result: r.result,
      closeDate: r.close_date,
      mrrAmount: r.mrr_amount === null ? null : Number(r.mrr_amount),
      currency: r.currency,
      oneTimeValue: r.one_time_value === null ? null : Number(r.one_time_value),
      salesRep: r.sales_rep,
      reason: r.reason,
      competitors: r.competitors,
      crmLink: r.crm_link,
      status: r.status,
      skipped: r.skipped,
      project: r.project_id ? { projectId: r.project_id, projectName: r.p_name!, accountName: r.p_account_name! } : null,
      matchedBy: r.matched_by,
      candidates: r.candidates,
      errors: r.errors,
      message: r.message,
      outcomeId: r.outcome_id,
    })),
  );
}
