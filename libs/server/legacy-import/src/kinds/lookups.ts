import type { EntityManager } from '@mikro-orm/postgresql';
import { nameKey } from './kind-spec.js';

/**
 * The records rows refer to by name, read once per dry run or commit. Their size follows the
 * organisation (people, accounts, projects, reference data), never the file's.
 */
export interface PeopleAndAccounts {
  usersByEmail: Map<string, { id: string; defaultRegionId: string | null }>;
  accountsByName: Map<string, string>;
  /** `<accountId>|<project name key>` → project id. */
  projectsByName: Map<string, string>;
  projectsOfAccount: Map<string, string[]>;
  projectNames: Map<string, string>;
  industriesByName: Map<string, { id: string; name: string }>;
  salesRepsByName: Map<string, { id: string; name: string }>;
  regionsByName: Map<string, { id: string; name: string }>;
}

export async function loadPeopleAndAccounts(em: EntityManager): Promise<PeopleAndAccounts> {
  // One after another: inside a commit these share the transaction's one connection.
  const users = await em.execute<{ id: string; email: string; default_region_id: string | null }[]>('select id, email, default_region_id from app_user');
  const accounts = await em.execute<{ id: string; name: string }[]>('select id, name from account');
  const projects = await em.execute<{ id: string; account_id: string; name: string }[]>('select id, account_id, name from project order by name, id');
  const industries = await em.execute<{ id: string; name: string }[]>('select id, name from industry');
  const reps = await em.execute<{ id: string; name: string; email: string }[]>('select id, name, email from sales_rep');
  const regions = await em.execute<{ id: string; name: string }[]>('select id, name from region');
  const projectsOfAccount = new Map<string, string[]>();
  for (const p of projects) projectsOfAccount.set(p.account_id, [...(projectsOfAccount.get(p.account_id) ?? []), p.id]);
  const byName = <T extends { name: string }>(rows: T[]) => new Map(rows.map((r) => [nameKey(r.name), r]));
  const salesRepsByName = byName(reps);
  for (const rep of reps) salesRepsByName.set(rep.email.toLowerCase(), rep);
  return {
    usersByEmail: new Map(users.map((u) => [u.email.toLowerCase(), { id: u.id, defaultRegionId: u.default_region_id }])),
    accountsByName: new Map(accounts.map((a) => [nameKey(a.name), a.id])),
    projectsByName: new Map(projects.map((p) => [`${p.account_id}|${nameKey(p.name)}`, p.id])),
    projectsOfAccount,
    projectNames: new Map(projects.map((p) => [p.id, p.name])),
    industriesByName: byName(industries),
    salesRepsByName,
    regionsByName: byName(regions),
  };
}
