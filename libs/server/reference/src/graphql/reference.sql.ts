/*
 * SQL fragments that build reference read models as JSON objects (shapes of reference.types.ts).
 * Other domains embed them in their own single-statement read models (accounts, projects), so a
 * page of records and their reference data come back in one statement, as plain objects.
 * Arguments are table aliases chosen by the caller, never user input.
 */

/** `json` when the row under `alias` exists (left joins), else SQL null. */
export function jsonOrNull(alias: string, json: string): string {
  return `case when ${alias}.id is null then null else ${json} end`;
}

export function regionJson(g: string): string {
  return `json_build_object('id', ${g}.id, 'name', ${g}.name, 'active', ${g}.active, 'version', ${g}.version)`;
}

export function industryJson(i: string): string {
  return `json_build_object('id', ${i}.id, 'name', ${i}.name, 'active', ${i}.active, 'version', ${i}.version)`;
}

export function useCaseJson(u: string): string {
  return `json_build_object('id', ${u}.id, 'name', ${u}.name, 'bucket', ${u}.bucket, 'industryId', ${u}.industry_id, 'active', ${u}.active, 'version', ${u}.version)`;
}

export function productJson(p: string): string {
  return `json_build_object('id', ${p}.id, 'name', ${p}.name, 'active', ${p}.active, 'version', ${p}.version)`;
}

/** `r` a sales_rep row, `g` its region joined. */
export function salesRepJson(r: string, g: string): string {
  return `json_build_object('id', ${r}.id, 'name', ${r}.name, 'email', ${r}.email, 'currency', ${r}.currency, 'active', ${r}.active, 'version', ${r}.version, 'region', ${regionJson(g)})`;
}
