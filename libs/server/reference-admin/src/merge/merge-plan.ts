import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fieldError, isUuid, validationFailed, type FieldError, type ValidationFailed } from '@pams/server-core';
import { Industry, UseCase } from '@pams/server-reference';
import type { UseCaseBucket } from '@pams/shared-util';
import { ReferenceMergeKind, type MergedRecordFields, type ReferenceMergeCounts } from './reference-merge.entity.js';
import type { ReferenceMergeBlocker, ReferenceMergeInput } from './reference-merge.types.js';

export const REFERENCE_NAME_MAX = 120;
const RENAMED_SUFFIX = ' (merged ';

export type MergeRecord = Industry | UseCase;

/** A checked merge request: the records loaded, the base's fields after the merge, counts and blockers. */
export interface MergePlan {
  kind: ReferenceMergeKind;
  base: MergeRecord;
  merged: MergeRecord[];
  name: string;
  /** Use cases: the base's bucket and industry after the merge. */
  bucket: UseCaseBucket | null;
  industry: Industry | null;
  /** Merged records whose name equals the merged name (regardless of case): renamed to free it. */
  renamed: MergeRecord[];
  counts: ReferenceMergeCounts;
  blockers: ReferenceMergeBlocker[];
}

export function fieldsOf(record: MergeRecord): MergedRecordFields {
  if (record instanceof UseCase) {
    return { id: record.id, name: record.name, active: record.active, bucket: record.bucket, industryId: record.industry?.id ?? null };
  }
  return { id: record.id, name: record.name, active: record.active };
}

/** The name a merged record takes when the merged name was its own: unique (its id), within the column's length. */
export function freedName(record: MergeRecord): string {
  const suffix = `${RENAMED_SUFFIX}${record.id.slice(0, 8)})`;
  return `${record.name.slice(0, REFERENCE_NAME_MAX - suffix.length)}${suffix}`;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

async function count(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(sql, params);
  return row.n;
}

/** Presets whose filter names one of `ids` under `key` (industryIds / useCaseIds). */
export const PRESETS_NAMING = (key: 'industryIds' | 'useCaseIds') =>
  `from report_preset where jsonb_exists_any(coalesce(definition->'filter'->'${key}', '[]'::jsonb), ?::text[])`;
export const OVERRIDES_NAMING = `from monthly_report_override where jsonb_exists_any(featured_use_case_ids, ?::text[])`;
export const SECONDARY_LINKS_OF = `from project_secondary_use_case where use_case_id = any(?::uuid[])`;

async function countMoves(em: EntityManager, kind: ReferenceMergeKind, mergedIds: string[]): Promise<ReferenceMergeCounts> {
  const ids = uuidArray(mergedIds);
  if (kind === ReferenceMergeKind.INDUSTRY) {
    return {
      accounts: await count(em, 'select count(*)::int as n from account where industry_id = any(?::uuid[])', [ids]),
      industryUseCases: await count(em, 'select count(*)::int as n from use_case where industry_id = any(?::uuid[])', [ids]),
      primaryUseCases: 0,
      secondaryUseCaseProjects: 0,
      secondaryUseCaseLinks: 0,
      monthlyReportOverrides: 0,
      reportPresets: await count(em, `select count(*)::int as n ${PRESETS_NAMING('industryIds')}`, [ids]),
    };
  }
  return {
    accounts: 0,
    industryUseCases: 0,
    primaryUseCases: await count(em, 'select count(*)::int as n from project where primary_use_case_id = any(?::uuid[])', [ids]),
    secondaryUseCaseProjects: await count(em, `select count(distinct project_id)::int as n ${SECONDARY_LINKS_OF}`, [ids]),
    secondaryUseCaseLinks: await count(em, `select count(*)::int as n ${SECONDARY_LINKS_OF}`, [ids]),
    monthlyReportOverrides: await count(em, `select count(*)::int as n ${OVERRIDES_NAMING}`, [ids]),
    reportPresets: await count(em, `select count(*)::int as n ${PRESETS_NAMING('useCaseIds')}`, [ids]),
  };
}

async function findBlockers(em: EntityManager, plan: Omit<MergePlan, 'counts' | 'blockers'>): Promise<ReferenceMergeBlocker[]> {
  const blockers: ReferenceMergeBlocker[] = [];
  const allIds = uuidArray([plan.base.id, ...plan.merged.map((r) => r.id)]);
  if (plan.kind === ReferenceMergeKind.INDUSTRY) {
    const taken = await em.execute<{ id: string; name: string }[]>(
      'select id, name from industry where lower(name) = lower(?) and id <> all(?::uuid[]) order by id',
      [plan.name, allIds],
    );
    for (const row of taken) {
      blockers.push({ code: 'NAME_TAKEN', message: `Another industry is named "${row.name}": rename it, or merge it too.`, ids: [row.id] });
    }
    // Moving every use case of the merged industries to the base must not put two of one name under it.
    const clashes = await em.execute<{ name: string; ids: string[]; industries: string[] }[]>(
      `select u.name, array_agg(u.id order by i.name, u.id)::text[] as ids, array_agg(i.name order by i.name, u.id)::text[] as industries
         from use_case u join industry i on i.id = u.industry_id
        where u.industry_id = any(?::uuid[]) group by u.name having count(*) > 1 order by u.name`,
      [allIds],
    );
    for (const row of clashes) {
      blockers.push({
        code: 'USE_CASE_NAME_CLASH',
        message: `The use case "${row.name}" exists under ${row.industries.join(' and ')}: rename all but one (or merge them and rename the retired ones) first.`,
        ids: row.ids,
      });
    }
    return blockers;
  }
  const taken = await em.execute<{ id: string; name: string }[]>(
    `select id, name from use_case where lower(name) = lower(?) and industry_id is not distinct from ? and id <> all(?::uuid[]) order by id`,
    [plan.name, plan.industry?.id ?? null, allIds],
  );
  for (const row of taken) {
    const where = plan.industry ? `under ${plan.industry.name}` : 'among the general use cases';
    blockers.push({ code: 'NAME_TAKEN', message: `Another use case ${where} is named "${row.name}": rename it, or merge it too.`, ids: [row.id] });
  }
  return blockers;
}

/**
 * The industries or use cases of `ids` (use cases with their industry), in key order so that two
 * merges over the same rows lock them in the same order; unknown and malformed ids are left out.
 */
export async function loadRecords(em: EntityManager, kind: ReferenceMergeKind, ids: readonly string[], lock: boolean): Promise<MergeRecord[]> {
  const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
  if (valid.length === 0) return [];
  const lockMode = lock ? LockMode.PESSIMISTIC_WRITE : undefined;
  if (kind === ReferenceMergeKind.INDUSTRY) return em.find(Industry, { id: { $in: valid } }, { lockMode, orderBy: { id: 'asc' } });
  const found = await em.find(UseCase, { id: { $in: valid } }, { lockMode, orderBy: { id: 'asc' } });
  await em.populate(found, ['industry']);
  return found;
}

/**
 * Checks a merge request and works out what it would do. `lock` takes the records FOR UPDATE (the
 * merge itself): a concurrent write that references them waits for the merge to commit.
 */
export async function planMerge(em: EntityManager, input: ReferenceMergeInput, options: { lock?: boolean } = {}): Promise<MergePlan | ValidationFailed> {
  const fields: FieldError[] = [];
  const ids = [...new Set((input.ids ?? []).map((id) => id.toLowerCase()))];
  const baseId = (input.baseId ?? '').toLowerCase();
  if (ids.length < 2) fields.push(fieldError('ids', 'TOO_FEW', 'Choose at least two records to merge.'));
  else if (!ids.includes(baseId)) fields.push(fieldError('baseId', 'NOT_IN_MERGE', 'The base must be one of the records merged.'));
  const name = (input.name ?? '').trim();
  if (name === '') fields.push(fieldError('name', 'REQUIRED', 'Enter the merged name.'));
  else if (name.length > REFERENCE_NAME_MAX) fields.push(fieldError('name', 'TOO_LONG', `Use at most ${REFERENCE_NAME_MAX} characters.`));
  const isIndustry = input.kind === ReferenceMergeKind.INDUSTRY;
  if (isIndustry && input.bucket != null) fields.push(fieldError('bucket', 'NOT_APPLICABLE', 'Industries have no bucket.'));
  if (isIndustry && input.industryId !== undefined) fields.push(fieldError('industryId', 'NOT_APPLICABLE', 'Industries have no industry.'));

  const found = await loadRecords(em, input.kind, ids, options.lock ?? false);
  if (ids.length >= 2 && found.length !== ids.length) {
    const known = new Set(found.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    fields.push(fieldError('ids', 'NOT_FOUND', `No ${isIndustry ? 'industry' : 'use case'} has the id ${unknown.join(', ')}: reload and choose again.`));
  }

  let industry: Industry | null = null;
  const base = found.find((r) => r.id === baseId);
  if (!isIndustry && base) {
    const current = (base as UseCase).industry ?? null;
    if (input.industryId === undefined) industry = current;
    else if (input.industryId !== null) {
      const chosen = isUuid(input.industryId) ? await em.findOne(Industry, { id: input.industryId.toLowerCase() }) : null;
      if (!chosen) fields.push(fieldError('industryId', 'NOT_FOUND', 'No such industry.'));
      else if (!chosen.active && chosen.id !== current?.id) fields.push(fieldError('industryId', 'INACTIVE', 'That industry has been retired: choose another.'));
      industry = chosen;
    }
  }
  if (fields.length > 0 || !base) return validationFailed(fields);

  const merged = found.filter((r) => r.id !== baseId);
  const renamed = merged.filter((r) => r.name.toLowerCase() === name.toLowerCase());
  const bucket = isIndustry ? null : (input.bucket ?? (base as UseCase).bucket);
  const partial = { kind: input.kind, base, merged, name, bucket, industry, renamed };
  return {
    ...partial,
    counts: await countMoves(em, input.kind, merged.map((r) => r.id)),
    blockers: await findBlockers(em, partial),
  };
}
