import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Currency, OutcomeResult } from '@pams/shared-util';
import { VersionedEntity } from '@pams/server-core';
import { User } from '@pams/server-identity';
import { Outcome, Project } from '@pams/server-accounts';

export enum OutcomeImportStatus {
  /** Uploaded and matched; rows may be fixed or skipped. */
  REVIEW = 'REVIEW',
  /** Its outcomes were created; nothing changes any more. */
  APPLIED = 'APPLIED',
}

export enum OutcomeImportRowStatus {
  MATCHED = 'MATCHED',
  AMBIGUOUS = 'AMBIGUOUS',
  UNMATCHED = 'UNMATCHED',
  DUPLICATE = 'DUPLICATE',
  INVALID = 'INVALID',
}

/** How a row's project was found. */
export enum OutcomeImportMatch {
  /** Account and opportunity name, regardless of case and spacing. */
  NAME = 'NAME',
  /** A reviewer chose it. */
  REVIEWER = 'REVIEWER',
}

/** A project a row could be about, kept for the reviewer to choose from. */
export interface OutcomeImportCandidate {
  projectId: string;
  projectName: string;
  accountName: string;
}

/**
 * A CRM export uploaded for review (P-024). Every review step and the apply carry its version, so two
 * reviewers never overwrite each other silently; `regionIds` are the uploader's regions at upload, which
 * say which managers see it.
 */
@Entity({ tableName: 'outcome_import' })
@Index({ properties: ['createdAt'] })
export class OutcomeImport extends VersionedEntity<'status' | 'appliedAt' | 'appliedBy' | 'appliedCount' | 'reviewCount'> {
  @Property({ type: 'string', length: 200 })
  fileName!: string;

  @ManyToOne({ entity: () => User })
  @Index()
  uploadedBy!: Rel<User>;

  @Property({ type: 'text[]' })
  regionIds: string[] = [];

  @Enum({ items: () => OutcomeImportStatus, type: 'string' })
  status: OutcomeImportStatus = OutcomeImportStatus.REVIEW;

  @Property({ type: 'integer' })
  rowCount!: number;

  /** Review edits so far; each bumps the version (a row edit is a change of the import). */
  @Property({ type: 'integer' })
  reviewCount: number = 0;

  @Property({ type: 'datetime', nullable: true })
  appliedAt?: Date | null = null;

  @ManyToOne({ entity: () => User, nullable: true })
  appliedBy?: Rel<User> | null = null;

  @Property({ type: 'integer', nullable: true })
  appliedCount?: number | null = null;

  @OneToMany({ entity: () => OutcomeImportRow, mappedBy: 'outcomeImport' })
  rows = new Collection<OutcomeImportRow>(this);
}

/** One data row of the file as parsed, with its match and the reviewer's decision. */
@Entity({ tableName: 'outcome_import_row' })
// Rows are paged by their number within the import (keyset).
@Unique({ properties: ['outcomeImport', 'rowNumber'] })
export class OutcomeImportRow {
  [OptionalProps]?: 'id' | 'project' | 'matchedBy' | 'candidates' | 'errors' | 'message' | 'skipped' | 'outcome' | OptionalCells;

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => OutcomeImport, deleteRule: 'cascade' })
  outcomeImport!: Rel<OutcomeImport>;

  /** The row's number in the sheet, as Excel shows it. */
  @Property({ type: 'integer' })
  rowNumber!: number;

  @Property({ type: 'string', length: 100, nullable: true })
  crmId?: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  accountName?: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  projectName?: string | null = null;

  @Enum({ items: () => OutcomeResult, type: 'string', nullable: true })
  result?: OutcomeResult | null = null;

  @Property({ type: 'date', nullable: true })
  closeDate?: string | null = null;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  mrrAmount?: string | null = null;

  @Enum({ items: () => Currency, type: 'string', nullable: true })
  currency?: Currency | null = null;

  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  oneTimeValue?: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  salesRep?: string | null = null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  competitors?: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  crmLink?: string | null = null;

  @Enum({ items: () => OutcomeImportRowStatus, type: 'string' })
  status!: OutcomeImportRowStatus;

  @ManyToOne({ entity: () => Project, nullable: true, deleteRule: 'set null' })
  project?: Rel<Project> | null = null;

  @Enum({ items: () => OutcomeImportMatch, type: 'string', nullable: true })
  matchedBy?: OutcomeImportMatch | null = null;

  @Property({ type: 'json' })
  candidates: OutcomeImportCandidate[] = [];

  /** What is wrong with the row's cells (INVALID rows). */
  @Property({ type: 'json' })
  errors: string[] = [];

  /** Why the row has its status, for the reviewer. */
  @Property({ type: 'string', length: 500, nullable: true })
  message?: string | null = null;

  @Property({ type: 'boolean' })
  skipped: boolean = false;

  /** The outcome the apply created from this row. */
  @ManyToOne({ entity: () => Outcome, nullable: true, deleteRule: 'set null' })
  outcome?: Rel<Outcome> | null = null;
}

type OptionalCells =
  | 'crmId'
  | 'accountName'
  | 'projectName'
  | 'result'
  | 'closeDate'
  | 'mrrAmount'
  | 'currency'
  | 'oneTimeValue'
  | 'salesRep'
  | 'reason'
  | 'competitors'
  | 'crmLink';
