import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '@pams/server-core';
import { Role } from '@pams/shared-util';
import { OutcomeImportMatch, OutcomeImportRowStatus, type OutcomeImportCandidate } from './outcome-import.entity.js';

/** A uuid array as one bound parameter (knex would expand a JS array into a list): `= any(?::uuid[])`. */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(',')}}`;
}

/** Names compared as people type them: case, outer and repeated spaces do not count. */
export const normalSql = (column: string) => `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;
export const normalName = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();

const MAX_CANDIDATES = 20;

/**
 * The projects a viewer may record outcomes for, as the win/loss form decides (mayEditProject): admins
 * all; managers those of their regions' accounts, of accounts without a region yet, or that they own.
 * `p` and `a` are the project and account aliases.
 */
export function projectScope(viewer: Viewer): { sql: string; params: unknown[] } {
  if (viewer.role === Role.ADMIN || viewer.role === Role.LEADER) return { sql: 'true', params: [] };
  return {
    sql: `(rep.region_id is null or rep.region_id = any(?::uuid[]) or exists (select 1 from project_owner po where po.project_id = p.id and po.user_id = ?))`,
    params: [uuidArray(viewer.regionIds), viewer.id],
  };
}

export interface RowToMatch {
  rowNumber: number;
  accountName: string;
  projectName: string;
}

export interface Match {
  status: OutcomeImportRowStatus.MATCHED | OutcomeImportRowStatus.AMBIGUOUS | OutcomeImportRowStatus.UNMATCHED;
  projectId: string | null;
  matchedBy: OutcomeImportMatch | null;
  candidates: OutcomeImportCandidate[];
  message: string;
}

interface CandidateRow {
  n: number;
  how: 'account' | 'name';
  project_id: string;
  project_name: string;
  account_name: string;
  exact: boolean;
}

/**
 * Finds each row's project among those in the viewer's scope, in one statement: by account and
 * opportunity name (MATCHED); else the matched account's projects, or same-named projects of other
 * accounts, for the reviewer to choose from (AMBIGUOUS); else UNMATCHED. Projects carry no CRM id
 * (only a link), so the opportunity id does not take part (docs/adr/0016).
 */
export async function matchRows(em: EntityManager, viewer: Viewer, rows: readonly RowToMatch[]): Promise<Map<number, Match>> {
  const matches = new Map<number, Match>();
  if (rows.length === 0) return matches;
  const scope = projectScope(viewer);
  const sql = `with r(n, acc, proj) as (select (e->>'n')::int, e->>'acc', e->>'proj' from jsonb_array_elements(?::jsonb) e)
    select r.n, 'account' as how, p.id as project_id, p.name as project_name, a.name as account_name, ${normalSql('p.name')} = r.proj as exact
      from r join account a on ${normalSql('a.name')} = r.acc
      join project p on p.account_id = a.id
      left join sales_rep rep on rep.id = a.sales_rep_id
      where ${scope.sql}
    union all
    select r.n, 'name', p.id, p.name, a.name, true
      from r join project p on ${normalSql('p.name')} = r.proj
      join account a on a.id = p.account_id
      left join sales_rep rep on rep.id = a.sales_rep_id
      where ${normalSql('a.name')} <> r.acc and ${scope.sql}
    order by 1, 2, 4`;
  const found = await em.getConnection().execute<CandidateRow[]>(sql, [
    JSON.stringify(rows.map((r) => ({ n: r.rowNumber, acc: normalName(r.accountName), proj: normalName(r.projectName) }))),
    ...scope.params,
    ...scope.params,
  ]);
  const byRow = new Map<number, CandidateRow[]>();
  for (const c of found) byRow.set(c.n, [...(byRow.get(c.n) ?? []), c]);
  for (const row of rows) {
    const candidates = byRow.get(row.rowNumber) ?? [];
    const ofAccount = candidates.filter((c) => c.how === 'account');
    const exact = ofAccount.find((c) => c.exact);
    const asCandidate = (c: CandidateRow): OutcomeImportCandidate => ({ projectId: c.project_id, projectName: c.project_name, accountName: c.account_name });
    if (exact) {
      matches.set(row.rowNumber, { status: OutcomeImportRowStatus.MATCHED, projectId: exact.project_id, matchedBy: OutcomeImportMatch.NAME, candidates: [], message: 'Matched by account and opportunity name.' });
    } else if (ofAccount.length > 0) {
      matches.set(row.rowNumber, {
        status: OutcomeImportRowStatus.AMBIGUOUS,
        projectId: null,
        matchedBy: null,
        candidates: ofAccount.slice(0, MAX_CANDIDATES).map(asCandidate),
        message: `The account has no project named "${row.projectName}": choose one of its ${ofAccount.length} project(s) or skip the row.`,
      });
    } else if (candidates.length > 0) {
      matches.set(row.rowNumber, {
        status: OutcomeImportRowStatus.AMBIGUOUS,
        projectId: null,
        matchedBy: null,
        candidates: candidates.slice(0, MAX_CANDIDATES).map(asCandidate),
        message: `No account is named "${row.accountName}"; projects of that name exist in other accounts: choose one or skip the row.`,
      });
    } else {
      matches.set(row.rowNumber, {
        status: OutcomeImportRowStatus.UNMATCHED,
        projectId: null,
        matchedBy: null,
        candidates: [],
        message: 'No project matches the account and opportunity name: pick a project or skip the row.',
      });
    }
  }
  return matches;
}

export interface ExistingOutcome {
  result: string;
  month: string;
}

/** The outcome already recorded on each of these projects. */
export async function existingOutcomes(em: EntityManager, projectIds: readonly string[]): Promise<Map<string, ExistingOutcome>> {
  if (projectIds.length === 0) return new Map();
  const rows = await em
    .getConnection()
    .execute<{ project_id: string; result: string; month: string }[]>(
      `select project_id, result, to_char(month, 'YYYY-MM') as month from outcome where project_id = any(?::uuid[])`,
      [uuidArray([...new Set(projectIds)])],
    );
  return new Map(rows.map((r) => [r.project_id, { result: r.result, month: r.month }]));
}
