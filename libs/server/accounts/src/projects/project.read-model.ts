import type { EntityManager } from '@mikro-orm/postgresql';
import { defineLoader } from '@pams/server-core';
import { isUuid } from '@pams/server-identity';
import type { ProjectStatus } from '@pams/shared-util';
import { projectJson } from '../shared/accounts.sql.js';
import { linkProject } from '../shared/link.js';
import type { ProjectNode } from '../shared/read-model.nodes.js';

async function select(em: EntityManager, where: string, params: unknown[]): Promise<ProjectNode[]> {
  const rows = await em.execute<{ node: ProjectNode }[]>(
    `select ${projectJson('p', { outcome: true })} as node from project p where ${where} order by lower(p.name), p.id`,
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
