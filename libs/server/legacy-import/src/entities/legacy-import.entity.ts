import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { VersionedEntity, type FieldError } from '@pams/server-core';
import { User } from '@pams/server-identity';

/** What one file of the old system holds. Import them in this order: a row refers to records of the kinds above it. */
export enum LegacyImportKind {
  USERS = 'USERS',
  ACCOUNTS = 'ACCOUNTS',
  PROJECTS = 'PROJECTS',
  ACTIVITIES = 'ACTIVITIES',
}

export enum LegacyImportStatus {
  /** The upload is being read into staging. */
  STAGING = 'STAGING',
  /** In staging; columns are being mapped. Nothing live has changed. */
  STAGED = 'STAGED',
  /** The dry run is validating and matching rows. */
  CHECKING = 'CHECKING',
  /** Every row is classified; conflicts can be decided, the report exported, the batch committed. */
  CHECKED = 'CHECKED',
  COMMITTING = 'COMMITTING',
  /** Applied in one transaction, post-checks passed; can be undone from its journal. */
  COMMITTED = 'COMMITTED',
  UNDOING = 'UNDOING',
  /** Its journal was played back: the live data is as before the commit. */
  UNDONE = 'UNDONE',
  /** Upload, dry run, commit or undo failed; `error` says why and nothing live changed. */
  FAILED = 'FAILED',
}

/** Where a staged row stands after the dry run. */
export enum LegacyRowStatus {
  PENDING = 'PENDING',
  /** No record in PAMS has its natural key: the commit creates one. */
  NEW = 'NEW',
  /** A record has its key and differs in some mapped field: the decisions say which values win. */
  CONFLICT = 'CONFLICT',
  /** A record has its key and the same values: nothing to do. */
  UNCHANGED = 'UNCHANGED',
  /** Invalid, or a duplicate in the file, or matching more than one record: left out, with reasons. */
  REJECTED = 'REJECTED',
}

/** Which value a conflicting field keeps: the file's or the one in PAMS. */
export enum LegacyValueChoice {
  FILE = 'FILE',
  PAMS = 'PAMS',
}

/** A post-check of a commit: a figure before and after, and what it had to be. */
export interface LegacyPostCheck {
  name: string;
  before: string;
  after: string;
  expected: string;
  ok: boolean;
}

/** One import field mapped to a column of the file (its index in `headers`). */
export type LegacyMapping = Record<string, number | null>;

export interface LegacyImportCounts {
  NEW: number;
  CONFLICT: number;
  UNCHANGED: number;
  REJECTED: number;
  /** Conflicting rows where at least one field takes the file's value: the commit changes them. */
  willChange: number;
}

/**
 * One file of the old system taken in (P-011, P-012): staged, mapped, dry-run, committed in one
 * transaction and undoable from its journal. Every step carries the version the admin saw.
 */
@Entity({ tableName: 'legacy_import' })
@Index({ properties: ['createdAt'] })
export class LegacyImport extends VersionedEntity<
  'status' | 'headers' | 'mapping' | 'decisionCount' | 'applied' | 'stagedRows' | 'counts' | 'error' | 'jobId' | 'postChecks' | 'checkedAt' | 'committedAt' | 'committedBy' | 'undoneAt' | 'undoneBy' | 'undoBlockers'
> {
  @Enum({ items: () => LegacyImportKind, type: 'string' })
  kind!: LegacyImportKind;

  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @ManyToOne({ entity: () => User })
  uploadedBy!: Rel<User>;

  @Enum({ items: () => LegacyImportStatus, type: 'string' })
  status: LegacyImportStatus = LegacyImportStatus.STAGING;

  /** The file's header row. */
  @Property({ type: 'json' })
  headers: string[] = [];

  @Property({ type: 'json' })
  mapping: LegacyMapping = {};

  @Property({ type: 'integer' })
  stagedRows: number = 0;

  @Property({ type: 'json', nullable: true })
  counts: LegacyImportCounts | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** The queue job of the running step (dry run, commit or undo), for its progress. */
  @Property({ type: 'string', length: 20, nullable: true })
  jobId: string | null = null;

  @Property({ type: 'json', nullable: true })
  postChecks: LegacyPostCheck[] | null = null;

  /** Conflict decisions so far; each bumps the version. */
  @Property({ type: 'integer' })
  decisionCount: number = 0;

  /** Rows the commit created and updated. */
  @Property({ type: 'json', nullable: true })
  applied: { created: number; updated: number } | null = null;

  @Property({ type: 'datetime', nullable: true })
  checkedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  committedAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true })
  committedBy: Rel<User> | null = null;

  @Property({ type: 'datetime', nullable: true })
  undoneAt: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true })
  undoneBy: Rel<User> | null = null;

  /** Why the last undo was refused: the rows edited since the commit. */
  @Property({ type: 'json', nullable: true })
  undoBlockers: LegacyUndoBlocker[] | null = null;
}

export interface LegacyUndoBlocker {
  rowNumber: number;
  entityId: string;
  reason: string;
}

/**
 * One data row of the file in staging. Written and read in batches with SQL (a file has up to 200,000);
 * after a commit it is also the journal: what was created or what the record held before.
 */
@Entity({ tableName: 'legacy_import_row' })
@Index({ properties: ['legacyImport', 'status', 'rowNumber'] })
@Index({ properties: ['legacyImport', 'naturalKey'] })
export class LegacyImportRow {
  @ManyToOne({ entity: () => LegacyImport, primary: true, deleteRule: 'cascade' })
  legacyImport!: Rel<LegacyImport>;

  /** The row's line in the file (the header is line 1). */
  @PrimaryKey({ type: 'integer' })
  rowNumber!: number;

  @Property({ type: 'json' })
  cells!: (string | null)[];

  @Enum({ items: () => LegacyRowStatus, type: 'string' })
  status: LegacyRowStatus = LegacyRowStatus.PENDING;

  @Property({ type: 'json', nullable: true })
  reasons: FieldError[] | null = null;

  @Property({ type: 'text', nullable: true })
  naturalKey: string | null = null;

  /** The row's values as PAMS stores them (entity properties, references as ids). */
  @Property({ type: 'json', nullable: true })
  incoming: Record<string, unknown> | null = null;

  /** The fields that differ from the matched record, as people read them. */
  /** The same values as people read them (names, not ids). */
  @Property({ type: 'json', nullable: true })
  display: Record<string, string | null> | null = null;

  /** The fields that differ from the matched record, as people read them. */
  @Property({ type: 'json', nullable: true })
  differences: LegacyDifference[] | null = null;

  @Property({ type: 'json', nullable: true })
  choices: Record<string, LegacyValueChoice> | null = null;

  @Property({ type: 'uuid', nullable: true })
  targetId: string | null = null;

  /** The matched record's version at the dry run: the commit refuses a record changed since. */
  @Property({ type: 'integer', nullable: true })
  targetVersion: number | null = null;

  /** CREATED or UPDATED by the commit. */
  @Property({ type: 'string', length: 10, nullable: true })
  applied: 'CREATED' | 'UPDATED' | null = null;

  /** The record's version right after the commit: undo refuses a record edited since. */
  @Property({ type: 'integer', nullable: true })
  appliedVersion: number | null = null;

  /** What an UPDATED record held before, property by property. */
  @Property({ type: 'json', nullable: true })
  journal: Record<string, unknown> | null = null;
}

export interface LegacyDifference {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}
