import { industryJson, jsonOrNull, productJson, regionJson, salesRepJson, useCaseJson } from '@pams/server-reference';

/*
 * SQL fragments building the read models of read-model.nodes.ts as JSON, so a page of accounts,
 * projects or outcomes with everything they show is one statement of plain objects. Arguments are
 * table aliases chosen by the callers, never user input.
 */

/** `account <a>` with its industry, sales rep and the rep's region, for accountJson(a). */
export function accountFrom(a: string): string {
  return `account ${a}
    left join industry ${a}_i on ${a}_i.id = ${a}.industry_id
    left join sales_rep ${a}_r on ${a}_r.id = ${a}.sales_rep_id
    left join region ${a}_g on ${a}_g.id = ${a}_r.region_id`;
}

export function accountJson(a: string): string {
  return `json_build_object(
    'id', ${a}.id, 'version', ${a}.version, 'name', ${a}.name, 'crmLink', ${a}.crm_link,
    'industry', ${jsonOrNull(`${a}_i`, industryJson(`${a}_i`))},
    'salesRep', ${jsonOrNull(`${a}_r`, salesRepJson(`${a}_r`, `${a}_g`))},
    'region', ${jsonOrNull(`${a}_g`, regionJson(`${a}_g`))},
    'projectCount', (select count(*)::int from project ${a}_pc where ${a}_pc.account_id = ${a}.id))`;
}

function presalesUserJson(u: string): string {
  return `json_build_object('id', ${u}.id, 'name', ${u}.name, 'email', ${u}.email)`;
}

/** An outcome without its project and account (the caller links those in code: see linkProject). */
export function outcomeJson(o: string): string {
  return `json_build_object(
    'id', ${o}.id, 'version', ${o}.version, 'projectId', ${o}.project_id, 'result', ${o}.result,
    'month', to_char(${o}.month, 'YYYY-MM'), 'crmLink', ${o}.crm_link, 'reason', ${o}.reason,
    'competitors', ${o}.competitors, 'mrrAmount', ${o}.mrr_amount, 'currency', ${o}.currency, 'rate', ${o}.rate,
    'mrrReporting', round(${o}.mrr_amount * ${o}.rate, 2),
    'oneTimeValue', ${o}.one_time_value, 'oneTimeValueReporting', round(${o}.one_time_value * ${o}.rate, 2),
    'accountKind', ${o}.account_kind,
    'wonBy', (select ${presalesUserJson(`${o}_w`)} from app_user ${o}_w where ${o}_w.id = ${o}.won_by_id))`;
}

/** A project with its account, use cases, products, owners and (when asked) its outcome. */
export function projectJson(p: string, options: { outcome: boolean }): string {
  const outcome = options.outcome
    ? `(select ${outcomeJson(`${p}_o`)} from outcome ${p}_o where ${p}_o.project_id = ${p}.id)`
    : 'null::json';
  return `json_build_object(
    'id', ${p}.id, 'version', ${p}.version, 'accountId', ${p}.account_id, 'name', ${p}.name,
    'status', ${p}.status, 'crmLink', ${p}.crm_link,
    'account', (select ${accountJson(`${p}_a`)} from ${accountFrom(`${p}_a`)} where ${p}_a.id = ${p}.account_id),
    'primaryUseCase', (select ${useCaseJson(`${p}_pu`)} from use_case ${p}_pu where ${p}_pu.id = ${p}.primary_use_case_id),
    'secondaryUseCases', coalesce((select json_agg(${useCaseJson(`${p}_su`)} order by lower(${p}_su.name), ${p}_su.id)
        from project_secondary_use_case ${p}_psu join use_case ${p}_su on ${p}_su.id = ${p}_psu.use_case_id
       where ${p}_psu.project_id = ${p}.id), '[]'::json),
    'products', coalesce((select json_agg(${productJson(`${p}_pr`)} order by lower(${p}_pr.name), ${p}_pr.id)
        from project_product ${p}_pp join product ${p}_pr on ${p}_pr.id = ${p}_pp.product_id
       where ${p}_pp.project_id = ${p}.id), '[]'::json),
    'owners', coalesce((select json_agg(${presalesUserJson(`${p}_ou`)} order by lower(${p}_ou.name), ${p}_ou.id)
        from project_owner ${p}_po join app_user ${p}_ou on ${p}_ou.id = ${p}_po.user_id
       where ${p}_po.project_id = ${p}.id), '[]'::json),
    'outcome', ${outcome})`;
}
