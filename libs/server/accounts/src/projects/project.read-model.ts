import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, defineLoader, isUuid, searchPattern } from '@pams/server-core';
import type { ProjectStatus } from '@pams/shared-util';
import { projectJson } from '../shared/accounts.sql.js';
import { linkProject } from '../shared/link.js';
import type { ProjectNode } from '../shared/read-model.nodes.js';
import type { ProjectConnection } from './project.type.js';

export const DEFAULT_PROJECT_PAGE_SIZE = 50;
/** Names are at most 200 characters: a longer search cannot match and is refused. */
export const MAX_PROJECT_SEARCH = 200;

export interface ProjectListArgs {
  search?: string | null;
  status?: ProjectStatus | null;
  first?: number | null;
  after?: string | null;
}

interface ProjectRow {
  node: ProjectNode;
  sort_name: string;
}

const PROJECT_ORDER = defineKeyset<ProjectRow>([
  { sql: 'lower(p.name)', direction: 'asc', kind: 'text', read: (row) => row.sort_name },
  { sql: 'p.id', direction: 'asc', kind: 'uuid', read: (row) => row.node.id },
]);

/**
 * Projects of every account by name regardless of case, then id (index project_lower_name_id_index):
 * keyset pages of one statement each, with everything a project shows (account, owners, outcome…),
 * whatever the page size. `search` matches part of the project's or its account's name; `%` and `_`
 * are plain characters.
 */
export async function findProjectList(em: EntityManager, args: ProjectListArgs, maxPageSize: number): Promise<ProjectConnection> {
  const page = PROJECT_ORDER.page(checkedPageSize(args.first, DEFAULT_PROJECT_PAGE_SIZE, maxPageSize), args.after);
  const where: string[] = [];
  const params: unknown[] = [];
  const search = args.search?.trim();
  if (search) {
    const pattern = searchPattern('search', search, MAX_PROJECT_SEARCH);
    where.push(`(p.name ilike ? escape '\\' or exists (select 1 from account sa where sa.id = p.account_id and sa.name ilike ? escape '\\'))`);
    params.push(pattern, pattern);
  }
  if (args.status) {
    where.push('p.status = ?');
    params.push(args.status);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.execute<ProjectRow[]>(
    `select ${projectJson('p', { outcome: true })} as node, lower(p.name) as sort_name
       from project p
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by ${page.orderBy}
      limit ?`,
    [...params, page.limit],
  );
  return page.connection(rows, (nodes) => nodes.map((row) => linkProject(row.node)));
}

async function select(em: EntityManager, where: string, params: unknown[]): Promise<ProjectNode[]> {
  const rows = await em.execute<{ node: ProjectNode }[]>(
    `select ${projectJson('p', { outcome: true })} as node from project p where ${where} order by ${PROJECT_ORDER.orderBy}`,
    params,
  );
  return rows.map((row) => linkProject(row.node));
}

/** The projects of some accounts, by name: one statement with everything a project shows. */
export function findProjectsOfAccounts(em: EntityManager, accountIds: readonly string[], status?: ProjectStatus | null): Promise<ProjectNode[]> {
  const valid = [...new Set(accountIds.filter(isUuid))];
  if (valid.length === 0) return Promise.resolve([]);
  return status ? select(em, 'p.account_id in (?) and p.status = ?', [valid, status]) : select(em, 'p.account_id in (?)', [valid]);
}

export async function findProject(em: EntityManager, id: string): Promise<ProjectNode | null> {
  if (!isUuid(id)) return null;
  const [node] = await select(em, 'p.id = ?', [id]);
  return node ?? null;
}

/** `Account.projects` for every account of a response in one statement. */
export const projectsByAccount = defineLoader<string, ProjectNode[]>('accounts.projectsByAccount', async (em, accountIds) => {
  const projects = await findProjectsOfAccounts(em, accountIds);
  const byAccount = new Map<string, ProjectNode[]>();
  for (const project of projects) {
    const list = byAccount.get(project.accountId);
    if (list) list.push(project);
    else byAccount.set(project.accountId, [project]);
  }
  return accountIds.map((id) => byAccount.get(id) ?? []);
});
