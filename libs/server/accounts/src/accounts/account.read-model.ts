import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset } from '@pams/server-core';
import { isUuid } from '@pams/server-identity';
import { accountFrom, accountJson } from '../shared/accounts.sql.js';
import type { AccountNode } from '../shared/read-model.nodes.js';
import type { AccountConnection } from './account.type.js';

export const DEFAULT_ACCOUNT_PAGE_SIZE = 50;

export interface AccountsArgs {
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

interface AccountRow {
  node: AccountNode;
  sort_name: string;
}

const ACCOUNT_ORDER = defineKeyset<AccountRow>([
  { sql: 'lower(a.name)', direction: 'asc', kind: 'text', read: (row) => row.sort_name },
  { sql: 'a.id', direction: 'asc', kind: 'uuid', read: (row) => row.node.id },
]);

/**
 * Accounts by name regardless of case, then id: keyset pages of one statement each (industry,
 * sales rep, region and project count joined in), whatever the page size.
 */
export async function findAccounts(em: EntityManager, args: AccountsArgs, maxPageSize: number): Promise<AccountConnection> {
  const page = ACCOUNT_ORDER.page(checkedPageSize(args.first, DEFAULT_ACCOUNT_PAGE_SIZE, maxPageSize), args.after);
  const where: string[] = [];
  const params: unknown[] = [];
  const search = args.search?.trim();
  if (search) {
    // strpos, not like: the user's % and _ are plain characters.
    where.push('strpos(lower(a.name), lower(?)) > 0');
    params.push(search);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.execute<AccountRow[]>(
    `select ${accountJson('a')} as node, lower(a.name) as sort_name
       from ${accountFrom('a')}
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by ${page.orderBy}
      limit ?`,
    [...params, page.limit],
  );
  return page.connection(rows, (nodes) => nodes.map((row) => row.node));
}

async function findAccountsById(em: EntityManager, ids: readonly string[]): Promise<AccountNode[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return [];
  const rows = await em.execute<{ node: AccountNode }[]>(
    `select ${accountJson('a')} as node from ${accountFrom('a')} where a.id in (?)`,
    [valid],
  );
  return rows.map((row) => row.node);
}

export async function findAccount(em: EntityManager, id: string): Promise<AccountNode | null> {
  const [node] = await findAccountsById(em, [id]);
  return node ?? null;
}
