import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, publicError } from '@pams/server-core';
import { isUuid } from '@pams/server-identity';
import { MONTH_PATTERN } from '@pams/shared-util';
import { outcomeJson, projectJson } from '../shared/accounts.sql.js';
import { linkOutcome } from '../shared/link.js';
import type { OutcomeNode, ProjectNode } from '../shared/read-model.nodes.js';
import type { OutcomeConnection } from './outcome.type.js';

export const DEFAULT_OUTCOME_PAGE_SIZE = 50;

export interface OutcomesArgs {
  month?: string | null;
  regionId?: string | null;
  first?: number | null;
  after?: string | null;
}

interface OutcomeRow {
  node: OutcomeNode;
  project: ProjectNode;
  month_key: string;
}

/** Newest month first; the id breaks ties so keyset cursors are total. */
const OUTCOME_ORDER = defineKeyset<OutcomeRow>([
  { sql: 'o.month', direction: 'desc', kind: 'date', read: (row) => row.month_key },
  { sql: 'o.id', direction: 'desc', kind: 'uuid', read: (row) => row.node.id },
]);

async function select(em: EntityManager, where: string[], params: unknown[], limit?: number): Promise<OutcomeRow[]> {
  const rows = await em.execute<OutcomeRow[]>(
    `select ${outcomeJson('o')} as node, ${projectJson('p', { outcome: false })} as project, to_char(o.month, 'YYYY-MM-DD') as month_key
       from outcome o
       join project p on p.id = o.project_id
       join account a on a.id = p.account_id
       left join sales_rep r on r.id = a.sales_rep_id
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by ${OUTCOME_ORDER.orderBy}
      ${limit ? 'limit ?' : ''}`,
    limit ? [...params, limit] : params,
  );
  for (const row of rows) linkOutcome(row.node, row.project);
  return rows;
}

/**
 * Outcomes, newest month first, with project, account, winner and amounts in the reporting
 * currency: keyset pages of one statement each. `regionId` is the account's (its sales rep's).
 */
export async function findOutcomes(em: EntityManager, args: OutcomesArgs, maxPageSize: number): Promise<OutcomeConnection> {
  const page = OUTCOME_ORDER.page(checkedPageSize(args.first, DEFAULT_OUTCOME_PAGE_SIZE, maxPageSize), args.after);
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.month != null) {
    if (!MONTH_PATTERN.test(args.month)) throw publicError('BAD_USER_INPUT', '"month" must be YYYY-MM.');
    where.push('o.month = ?::date');
    params.push(`${args.month}-01`);
  }
  if (args.regionId != null) {
    if (!isUuid(args.regionId)) throw publicError('BAD_USER_INPUT', '"regionId" is not a region id.');
    where.push('r.region_id = ?');
    params.push(args.regionId);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await select(em, where, params, page.limit);
  return page.connection(rows, (nodes) => nodes.map((row) => row.node));
}

export async function findOutcome(em: EntityManager, id: string): Promise<OutcomeNode | null> {
  if (!isUuid(id)) return null;
  const [row] = await select(em, ['o.id = ?'], [id]);
  return row?.node ?? null;
}

export async function findOutcomeOfProject(em: EntityManager, projectId: string): Promise<OutcomeNode | null> {
  const [row] = await select(em, ['o.project_id = ?'], [projectId]);
  return row?.node ?? null;
}
