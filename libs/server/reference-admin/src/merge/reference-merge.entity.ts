import { Entity, Enum, Index, Property } from '@mikro-orm/core';
import { UseCaseBucket } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';

/** What is merged: industries or use cases (P-005). */
export enum ReferenceMergeKind {
  INDUSTRY = 'INDUSTRY',
  USE_CASE = 'USE_CASE',
}

/** The fields of a merged record that a merge changes (use cases also carry bucket and industry). */
export interface MergedRecordFields {
  id: string;
  name: string;
  active: boolean;
  bucket?: UseCaseBucket;
  industryId?: string | null;
}

/** Entities whose references a merge moves. */
export type MovedEntity = 'Account' | 'Project' | 'UseCase' | 'MonthlyReportOverride' | 'ReportPreset';

/**
 * One reference the merge moved, with the value it had before (an id, an id list or a whole
 * preset definition) and the row's version after the merge: undo puts `before` back only while the
 * row still has that version.
 */
export interface MovedReference {
  entity: MovedEntity;
  id: string;
  field: 'industry' | 'primaryUseCase' | 'secondaryUseCases' | 'featuredUseCaseIds' | 'definition';
  before: unknown;
  versionAfter: number;
}

/** Rows moved, by kind of reference (the preview's counts, as the merge did them). */
export interface ReferenceMergeCounts {
  accounts: number;
  industryUseCases: number;
  primaryUseCases: number;
  secondaryUseCaseProjects: number;
  secondaryUseCaseLinks: number;
  monthlyReportOverrides: number;
  reportPresets: number;
}

/**
 * The journal of one merge (ADR 0020): enough to put every name, field, active flag and reference
 * back exactly. Ids are plain values: they name rows of `industry` or `use_case` by `kind`.
 */
@Entity({ tableName: 'reference_merge' })
@Index({ properties: ['createdAt'] })
export class ReferenceMerge extends VersionedEntity<'undoneAt' | 'undoneById' | 'createdById'> {
  @Enum({ items: () => ReferenceMergeKind, type: 'string' })
  kind!: ReferenceMergeKind;

  @Property({ type: 'uuid' })
  baseId!: string;

  /** The records merged into the base (deactivated), base excluded. */
  @Property({ type: 'json' })
  mergedIds!: string[];

  /** The base's fields before the merge, and after it. */
  @Property({ type: 'json' })
  baseBefore!: MergedRecordFields;

  @Property({ type: 'json' })
  baseAfter!: MergedRecordFields;

  /** Each merged record's fields before the merge. */
  @Property({ type: 'json' })
  mergedBefore!: MergedRecordFields[];

  /** Version of the base and of each merged record after the merge, by id. */
  @Property({ type: 'json' })
  recordVersions!: Record<string, number>;

  /**
   * Every moved reference. Not loaded unless asked for (thousands of rows for a large industry), and
   * recorded as redacted in the journal's own audit event: each moved row has its own event with
   * before and after.
   */
  @Property({ type: 'json', lazy: true, hidden: true })
  moves!: MovedReference[];

  @Property({ type: 'json' })
  counts!: ReferenceMergeCounts;

  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  undoneAt?: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  undoneById?: string | null = null;
}
