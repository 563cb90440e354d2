import type { EntityManager } from '@mikro-orm/postgresql';
import { validationFailed, fieldError, type ValidationFailed, type Viewer } from '@pams/server-core';
import { Account, Project } from '@pams/server-accounts';
import { Industry, UseCase } from '@pams/server-reference';
import { MonthlyReportOverride, ReportPreset } from '@pams/server-reports';
import {
  fieldsOf,
  freedName,
  OVERRIDES_NAMING,
  planMerge,
  PRESETS_NAMING,
  SECONDARY_LINKS_OF,
  type MergePlan,
  type MergeRecord,
} from './merge-plan.js';
import { ReferenceMerge, ReferenceMergeKind, type MovedEntity, type MovedReference } from './reference-merge.entity.js';
import { asMergeType, blocked, inMergeTransaction, recordOf, recordsConflict } from './merge-results.js';
import type {
  RecordVersionInput,
  ReferenceMergeBlocked,
  ReferenceMergeInput,
  ReferenceMergePreview,
  ReferenceMergeType,
  ReferenceRecordsVersionConflict,
} from './reference-merge.types.js';
import { ReferenceMergePreview as PreviewClass } from './reference-merge.types.js';

/** What a merge would do, nothing written: counts of every reference that moves, and what blocks it. */
export async function previewReferenceMerge(em: EntityManager, input: ReferenceMergeInput): Promise<ReferenceMergePreview | ValidationFailed> {
  const plan = await planMerge(em, input);
  if (!('base' in plan)) return plan;
  const base = recordOf(plan.base);
  return Object.assign(new PreviewClass(), {
    kind: plan.kind,
    base: { ...base, name: plan.name, active: true, bucket: plan.bucket, industryId: plan.kind === ReferenceMergeKind.USE_CASE ? (plan.industry?.id ?? null) : null },
    merged: plan.merged.map(recordOf),
    renamedIds: plan.renamed.map((r) => r.id),
    counts: plan.counts,
    blockers: plan.blockers,
  });
}

/** Replaces every id of `from` in `ids` by `to`, keeping the first occurrence of each id. */
function replaced(ids: readonly string[], from: ReadonlySet<string>, to: string): string[] {
  return [...new Set(ids.map((id) => (from.has(id) ? to : id)))];
}

const rowIds = async (em: EntityManager, sql: string, ids: string[]): Promise<string[]> =>
  (await em.execute<{ id: string }[]>(sql, [`{${ids.join(',')}}`])).map((row) => row.id);

/** Moves every reference to a merged record onto the base, through entities (each row audited, versions bumped). */
async function moveReferences(tx: EntityManager, plan: MergePlan): Promise<{ moves: Omit<MovedReference, 'versionAfter'>[]; rows: Map<string, { entity: MovedEntity; row: { version: number } }> }> {
  const mergedIds = plan.merged.map((r) => r.id);
  const from = new Set(mergedIds);
  const moves: Omit<MovedReference, 'versionAfter'>[] = [];
  const rows = new Map<string, { entity: MovedEntity; row: { version: number } }>();
  const moved = (entity: MovedEntity, row: { id: string; version: number }, field: MovedReference['field'], before: unknown) => {
    moves.push({ entity, id: row.id, field, before });
    rows.set(`${entity}:${row.id}`, { entity, row });
  };
  const presetKey = plan.kind === ReferenceMergeKind.INDUSTRY ? 'industryIds' : 'useCaseIds';

  if (plan.kind === ReferenceMergeKind.INDUSTRY) {
    const base = plan.base as Industry;
    for (const account of await tx.find(Account, { industry: { $in: mergedIds } }, { orderBy: { id: 'asc' } })) {
      moved('Account', account, 'industry', account.industry!.id);
      account.industry = base;
    }
    for (const useCase of await tx.find(UseCase, { industry: { $in: mergedIds } }, { orderBy: { id: 'asc' } })) {
      moved('UseCase', useCase, 'industry', useCase.industry!.id);
      useCase.industry = base;
    }
  } else {
    const base = plan.base as UseCase;
    for (const project of await tx.find(Project, { primaryUseCase: { $in: mergedIds } }, { orderBy: { id: 'asc' } })) {
      moved('Project', project, 'primaryUseCase', project.primaryUseCase!.id);
      project.primaryUseCase = base;
    }
    const linked = await rowIds(tx, `select distinct project_id as id ${SECONDARY_LINKS_OF} order by 1`, mergedIds);
    if (linked.length > 0) {
      for (const project of await tx.find(Project, { id: { $in: linked } }, { populate: ['secondaryUseCases'], orderBy: { id: 'asc' } })) {
        const before = project.secondaryUseCases.getItems().map((u) => u.id).sort();
        moved('Project', project, 'secondaryUseCases', before);
        project.secondaryUseCases.set(replaced(before, from, base.id).map((id) => tx.getReference(UseCase, id)));
        // Links live in a pivot table: bump the version as a project edit of its lists does.
        project.updatedAt = new Date();
      }
    }
    const overrides = await rowIds(tx, `select id ${OVERRIDES_NAMING}`, mergedIds);
    if (overrides.length > 0) {
      for (const override of await tx.find(MonthlyReportOverride, { id: { $in: overrides } }, { orderBy: { id: 'asc' } })) {
        moved('MonthlyReportOverride', override, 'featuredUseCaseIds', [...override.featuredUseCaseIds]);
        override.featuredUseCaseIds = replaced(override.featuredUseCaseIds, from, base.id);
      }
    }
  }
  const presets = await rowIds(tx, `select id ${PRESETS_NAMING(presetKey)}`, mergedIds);
  if (presets.length > 0) {
    for (const preset of await tx.find(ReportPreset, { id: { $in: presets } }, { orderBy: { id: 'asc' } })) {
      const definition = structuredClone(preset.definition) as { filter: Record<string, string[] | null> };
      moved('ReportPreset', preset, 'definition', structuredClone(preset.definition));
      definition.filter[presetKey] = replaced(definition.filter[presetKey] ?? [], from, plan.base.id);
      preset.definition = definition;
    }
  }
  return { moves, rows };
}

/**
 * Merges the records of `input` into its base in one transaction (ADR 0020): the merged records are
 * renamed if they hold the merged name, and deactivated; the base takes the name and fields; every
 * reference moves to the base; the journal records what undo needs. `expectedVersions` are the
 * versions the admin previewed, one per record.
 */
export async function mergeReferences(
  em: EntityManager,
  viewer: Viewer,
  input: ReferenceMergeInput,
  expectedVersions: RecordVersionInput[],
): Promise<ReferenceMergeType | ValidationFailed | ReferenceMergeBlocked | ReferenceRecordsVersionConflict> {
  const outcome = await inMergeTransaction(em, async (tx) => {
    const plan = await planMerge(tx, input, { lock: true });
    if (!('base' in plan)) return plan;
    const records: MergeRecord[] = [plan.base, ...plan.merged];
    const expected = new Map(expectedVersions.map((v) => [v.id.toLowerCase(), v.version]));
    const missing = records.filter((r) => !expected.has(r.id));
    if (missing.length > 0) return validationFailed([fieldError('expectedVersions', 'REQUIRED', 'Send the version you previewed of every record.')]);
    if (records.some((r) => r.version !== expected.get(r.id))) return recordsConflict(records);
    if (plan.blockers.length > 0) return blocked(plan.blockers);

    const mergedBefore = plan.merged.map(fieldsOf);
    const baseBefore = fieldsOf(plan.base);
    // Deactivate (and free the merged name) first: the base's rename must not meet the unique name.
    for (const record of plan.merged) {
      if (plan.renamed.includes(record)) record.name = freedName(record);
      record.active = false;
    }
    await tx.flush();
    plan.base.name = plan.name;
    plan.base.active = true;
    if (plan.base instanceof UseCase) {
      plan.base.bucket = plan.bucket!;
      plan.base.industry = plan.industry;
    }
    await tx.flush();
    const { moves, rows } = await moveReferences(tx, plan);
    await tx.flush();

    // Versions as the flushes left them: undo puts a row back only while it still has this one.
    const journal = tx.create(ReferenceMerge, {
      kind: plan.kind,
      baseId: plan.base.id,
      mergedIds: plan.merged.map((r) => r.id),
      baseBefore,
      baseAfter: fieldsOf(plan.base),
      mergedBefore,
      recordVersions: Object.fromEntries(records.map((r) => [r.id, r.version])),
      moves: moves.map((m) => ({ ...m, versionAfter: rows.get(`${m.entity}:${m.id}`)!.row.version })),
      counts: plan.counts,
      createdById: viewer.id,
    });
    await tx.flush();
    return journal.id;
  });
  if (typeof outcome !== 'string') return outcome;
  return asMergeType(em, outcome);
}
