import { createUnionType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NotFound, UserError, ValidationFailed } from '@pams/server-core';
import { UseCaseBucket } from '@pams/shared-util';
import { ReferenceMergeKind } from './reference-merge.entity.js';

registerEnumType(ReferenceMergeKind, { name: 'ReferenceMergeKind', description: 'What a reference merge merges (P-005).' });

@InputType({ description: 'Records to merge into one: the base takes the merged name (and, for use cases, the fields given).' })
export class ReferenceMergeInput {
  @Field(() => ReferenceMergeKind)
  kind!: ReferenceMergeKind;

  @Field(() => [ID], { description: 'Every record merged, the base among them: two or more of the same kind.' })
  ids!: string[];

  @Field(() => ID)
  baseId!: string;

  @Field(() => String, { description: 'The merged record\'s name; at most 120 characters.' })
  name!: string;

  @Field(() => UseCaseBucket, { nullable: true, description: 'Use cases only: the base\'s bucket after the merge (omitted: as it is).' })
  bucket?: UseCaseBucket | null;

  @Field(() => ID, { nullable: true, description: 'Use cases only: the base\'s industry after the merge (omitted: as it is; null: general).' })
  industryId?: string | null;
}

@InputType()
export class RecordVersionInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version the admin previewed.' })
  version!: number;
}

@ObjectType('ReferenceMergeRecord', { simpleResolvers: true, description: 'An industry or use case as a merge sees it.' })
export class ReferenceMergeRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Int)
  version!: number;

  @Field(() => UseCaseBucket, { nullable: true, description: 'Use cases only.' })
  bucket!: UseCaseBucket | null;

  @Field(() => ID, { nullable: true, description: 'Use cases only: the industry of an industry-specific use case.' })
  industryId!: string | null;
}

@ObjectType('ReferenceMergeCounts', { simpleResolvers: true, description: 'Rows whose reference moves to the base.' })
export class ReferenceMergeCountsType {
  @Field(() => Int, { description: 'Accounts whose industry moves (industry merge).' })
  accounts!: number;

  @Field(() => Int, { description: 'Industry-specific use cases whose industry moves (industry merge).' })
  industryUseCases!: number;

  @Field(() => Int, { description: 'Projects whose primary use case moves (use-case merge).' })
  primaryUseCases!: number;

  @Field(() => Int, { description: 'Projects whose secondary use cases change (use-case merge).' })
  secondaryUseCaseProjects!: number;

  @Field(() => Int, { description: 'Secondary use-case links moved or folded into an existing link to the base.' })
  secondaryUseCaseLinks!: number;

  @Field(() => Int, { description: 'Monthly report overrides whose featured use cases change.' })
  monthlyReportOverrides!: number;

  @Field(() => Int, { description: 'Report presets whose industry or use-case filter changes.' })
  reportPresets!: number;
}

@ObjectType('ReferenceMergeBlocker', { simpleResolvers: true, description: 'Why the merge cannot be done as asked; resolve it first.' })
export class ReferenceMergeBlocker {
  @Field(() => String, { description: 'NAME_TAKEN or USE_CASE_NAME_CLASH.' })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => [ID], { description: 'The records in the way.' })
  ids!: string[];
}

@ObjectType('ReferenceMergePreview', { simpleResolvers: true })
export class ReferenceMergePreview {
  @Field(() => ReferenceMergeKind)
  kind!: ReferenceMergeKind;

  @Field(() => ReferenceMergeRecord, { description: 'The base as it will be after the merge (its current version).' })
  base!: ReferenceMergeRecord;

  @Field(() => [ReferenceMergeRecord], { description: 'The records merged into the base, as they are now; send their versions to the merge.' })
  merged!: ReferenceMergeRecord[];

  @Field(() => [ID], { description: 'Merged records renamed (suffix "(merged …)") to free the merged name; undo gives it back.' })
  renamedIds!: string[];

  @Field(() => ReferenceMergeCountsType)
  counts!: ReferenceMergeCountsType;

  @Field(() => [ReferenceMergeBlocker], { description: 'Empty when the merge can be done.' })
  blockers!: ReferenceMergeBlocker[];
}

@ObjectType('ReferenceMerge', { simpleResolvers: true, description: 'A merge done, from its journal.' })
export class ReferenceMergeType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => ReferenceMergeKind)
  kind!: ReferenceMergeKind;

  @Field(() => ID)
  baseId!: string;

  @Field(() => [ID])
  mergedIds!: string[];

  @Field(() => String, { description: 'The base\'s name after the merge.' })
  name!: string;

  @Field(() => ReferenceMergeCountsType)
  counts!: ReferenceMergeCountsType;

  @Field(() => ID, { nullable: true })
  createdById!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  undoneAt!: Date | null;
}

@ObjectType({ implements: UserError, simpleResolvers: true, description: 'Nothing was merged: resolve the blockers first.' })
export class ReferenceMergeBlocked implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => [ReferenceMergeBlocker])
  blockers!: ReferenceMergeBlocker[];
}

@ObjectType({ implements: UserError, simpleResolvers: true, description: 'A record changed since the preview; nothing was merged.' })
export class ReferenceRecordsVersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => [ReferenceMergeRecord], { description: 'Every record of the merge as it is now.' })
  current!: ReferenceMergeRecord[];
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class ReferenceMergeVersionConflict implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => ReferenceMergeType)
  current!: ReferenceMergeType;
}

@ObjectType({ implements: UserError, simpleResolvers: true })
export class ReferenceMergeAlreadyUndone implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => ReferenceMergeType)
  current!: ReferenceMergeType;
}

@ObjectType('ChangedSinceMergeRow', { simpleResolvers: true })
export class ChangedSinceMergeRow {
  @Field(() => String, { description: 'Account, Project, UseCase, Industry, MonthlyReportOverride or ReportPreset.' })
  entityType!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its name (a report override: its month); null once deleted.' })
  label!: string | null;

  @Field(() => Int)
  versionAfterMerge!: number;

  @Field(() => Int, { nullable: true, description: 'Null when the row has been deleted.' })
  currentVersion!: number | null;
}

@ObjectType({ implements: UserError, simpleResolvers: true, description: 'Rows the merge moved were edited (or deleted) since: undo would overwrite them, so nothing was undone.' })
export class ReferenceMergeChangedSince implements UserError {
  @Field(() => String)
  message!: string;

  @Field(() => [ChangedSinceMergeRow])
  rows!: ChangedSinceMergeRow[];
}

export const ReferenceMergePreviewResult = createUnionType({
  name: 'ReferenceMergePreviewResult',
  types: () => [ReferenceMergePreview, ValidationFailed] as const,
});

export const MergeReferencesResult = createUnionType({
  name: 'MergeReferencesResult',
  types: () => [ReferenceMergeType, ValidationFailed, ReferenceMergeBlocked, ReferenceRecordsVersionConflict] as const,
});

export const UndoReferenceMergeResult = createUnionType({
  name: 'UndoReferenceMergeResult',
  types: () => [ReferenceMergeType, NotFound, ReferenceMergeVersionConflict, ReferenceMergeAlreadyUndone, ReferenceMergeChangedSince, ReferenceMergeBlocked] as const,
});
