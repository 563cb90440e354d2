import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@pams/server-identity';
import type { CurrencyRateType, IndustryType, ProductType, RegionType, SalesRepType, UseCaseType } from './reference.types.js';
import { industryJson, productJson, regionJson, salesRepJson, useCaseJson } from './reference.sql.js';

/*
 * Reference lists for pickers and first paint: one statement each, plain objects, ordered by name
 * regardless of case. Inactive (merged, retired) entries only when asked for.
 */

async function nodes<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const rows = await em.execute<{ node: T }[]>(sql, params);
  return rows.map((row) => row.node);
}

const activeOnly = (alias: string, includeInactive: boolean) => (includeInactive ? 'true' : `${alias}.active`);

export function listRegions(em: EntityManager, includeInactive = false): Promise<RegionType[]> {
  return nodes(em, `select ${regionJson('g')} as node from region g where ${activeOnly('g', includeInactive)} order by lower(g.name), g.id`);
}

export function listIndustries(em: EntityManager, includeInactive: boolean): Promise<IndustryType[]> {
  return nodes(em, `select ${industryJson('i')} as node from industry i where ${activeOnly('i', includeInactive)} order by lower(i.name), i.id`);
}

/** All use cases, or only those specific to `industryId`. */
export async function listUseCases(em: EntityManager, industryId: string | null, includeInactive: boolean): Promise<UseCaseType[]> {
  if (industryId !== null && !isUuid(industryId)) return [];
  const byIndustry = industryId === null ? 'true' : 'u.industry_id = ?';
  return nodes(
    em,
    `select ${useCaseJson('u')} as node from use_case u
      where ${activeOnly('u', includeInactive)} and ${byIndustry}
      order by lower(u.name), u.id`,
    industryId === null ? [] : [industryId],
  );
}

export function listProducts(em: EntityManager, includeInactive: boolean): Promise<ProductType[]> {
  return nodes(em, `select ${productJson('p')} as node from product p where ${activeOnly('p', includeInactive)} order by lower(p.name), p.id`);
}

export async function listSalesReps(em: EntityManager, regionId: string | null, includeInactive: boolean): Promise<SalesRepType[]> {
  if (regionId !== null && !isUuid(regionId)) return [];
  const byRegion = regionId === null ? 'true' : 'r.region_id = ?';
  return nodes(
    em,
    `select ${salesRepJson('r', 'g')} as node from sales_rep r join region g on g.id = r.region_id
      where ${activeOnly('r', includeInactive)} and ${byRegion}
      order by lower(r.name), r.id`,
    regionId === null ? [] : [regionId],
  );
}

export async function listCurrencyRates(em: EntityManager): Promise<CurrencyRateType[]> {
  const rows = await em.execute<{ currency: CurrencyRateType['currency']; rateToReporting: number; version: number; updatedAt: Date }[]>(
    `select currency, rate_to_reporting::float8 as "rateToReporting", version, updated_at as "updatedAt"
       from currency_rate order by currency`,
  );
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}
