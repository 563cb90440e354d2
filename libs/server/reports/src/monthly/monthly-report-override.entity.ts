import { Entity, Property } from '@mikro-orm/core';
import { VersionedEntity } from '@pams/server-core';

/** A win typed in by hand for the monthly report (one the CRM does not hold, or not yet). */
export interface ManualWin {
  title: string;
  accountName: string;
  /** Monthly recurring revenue in the reporting currency; null when not known. */
  mrrReporting: number | null;
  story: string;
}

/**
 * The editorial choices of one month's report (P-015, P-020), kept as data where the old system
 * hard-coded them: highlights, featured use cases, wins featured or left out, manual wins, and the
 * win of the month. Outcome and use case ids are plain values (no foreign keys): an id that no
 * longer names a won outcome of the month is ignored when the report is built, never an error.
 */
@Entity({ tableName: 'monthly_report_override' })
export class MonthlyReportOverride extends VersionedEntity<
  'highlights' | 'featuredUseCaseIds' | 'excludedOutcomeIds' | 'includedOutcomeIds' | 'manualWins' | 'winOfTheMonthOutcomeId' | 'winOfTheMonthStory'
> {
  /** First day of the month. */
  @Property({ type: 'date', unique: true })
  month!: string;

  @Property({ type: 'text' })
  highlights: string = '';

  @Property({ type: 'json' })
  featuredUseCaseIds: string[] = [];

  /** Won outcomes of the month kept off the win cards (and never picked as win of the month). */
  @Property({ type: 'json' })
  excludedOutcomeIds: string[] = [];

  /** Won outcomes of the month always on the win cards, even when not among the largest. */
  @Property({ type: 'json' })
  includedOutcomeIds: string[] = [];

  @Property({ type: 'json' })
  manualWins: ManualWin[] = [];

  /** The win a manager picked; null means the largest won MRR of the month. */
  @Property({ type: 'uuid', nullable: true })
  winOfTheMonthOutcomeId?: string | null = null;

  @Property({ type: 'text', nullable: true })
  winOfTheMonthStory?: string | null = null;
}
