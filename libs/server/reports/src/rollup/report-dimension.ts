import { registerEnumType } from 'type-graphql';
import { ACTIVITY_TYPE_LABELS, type ActivityType } from '@pams/shared-util';

/** What a report row can be keyed by (P-013). */
export enum ReportDimension {
  MONTH = 'MONTH',
  REGION = 'REGION',
  OWNER = 'OWNER',
  ACCOUNT = 'ACCOUNT',
  INDUSTRY = 'INDUSTRY',
  USE_CASE = 'USE_CASE',
  SALES_REP = 'SALES_REP',
  CATEGORY = 'CATEGORY',
  TYPE = 'TYPE',
  CALL_TYPE = 'CALL_TYPE',
}

/** Which table answered: the small region rollup, a classification rollup, or the detailed rollup. */
export enum ReportSource {
  REGION_ROLLUP = 'REGION_ROLLUP',
  /** Month × region × category × the account's industry. */
  INDUSTRY_ROLLUP = 'INDUSTRY_ROLLUP',
  /** Month × region × category × the account's sales rep. */
  SALES_REP_ROLLUP = 'SALES_REP_ROLLUP',
  /** Month × region × category × the project's primary use case. */
  USE_CASE_ROLLUP = 'USE_CASE_ROLLUP',
  DETAIL_ROLLUP = 'DETAIL_ROLLUP',
}

export enum ReportOrder {
  /** Largest activity count first (leaderboards, top 10). */
  COUNT_DESC = 'COUNT_DESC',
  /** By the keys' labels, months in calendar order. */
  KEY = 'KEY',
}

registerEnumType(ReportDimension, { name: 'ReportDimension', description: 'What report rows are grouped by.' });
registerEnumType(ReportSource, { name: 'ReportSource' });
registerEnumType(ReportOrder, { name: 'ReportOrder' });

/** Dimensions the region rollup holds; anything else needs a classification rollup or the detailed one. */
export const REGION_ROLLUP_DIMENSIONS: ReadonlySet<ReportDimension> = new Set([
  ReportDimension.MONTH,
  ReportDimension.REGION,
  ReportDimension.CATEGORY,
  ReportDimension.TYPE,
  ReportDimension.CALL_TYPE,
]);

const CALL_TYPE_LABELS: Record<string, string> = {
  DEMO: 'Demo',
  DISCOVERY: 'Discovery',
  SCOPING_DEEP_DIVE: 'Scoping deep dive',
  FOLLOW_UP: 'Follow-up',
  QA: 'Q&A',
  INTERNAL_KICKOFF: 'Internal kickoff',
  CUSTOMER_KICKOFF: 'Customer kickoff',
};

const CATEGORY_LABELS: Record<string, string> = { EXTERNAL: 'External', INTERNAL: 'Internal' };

/** Labels of enum-valued keys, written here (the database holds the codes). */
export function enumLabel(dimension: ReportDimension, code: string | null): string | null {
  if (code === null) return null;
  switch (dimension) {
    case ReportDimension.TYPE:
      return ACTIVITY_TYPE_LABELS[code as ActivityType] ?? code;
    case ReportDimension.CALL_TYPE:
      return CALL_TYPE_LABELS[code] ?? code;
    case ReportDimension.CATEGORY:
      return CATEGORY_LABELS[code] ?? code;
    default:
      return null;
  }
}

/** What a missing key means, per dimension ("No industry" rather than a blank). */
export const NONE_LABELS: Record<ReportDimension, string> = {
  MONTH: '—',
  REGION: 'No region',
  OWNER: 'Unknown user',
  ACCOUNT: 'No account (internal)',
  INDUSTRY: 'No industry',
  USE_CASE: 'No use case',
  SALES_REP: 'No sales rep',
  CATEGORY: '—',
  TYPE: '—',
  CALL_TYPE: 'Not a call',
};

/** Dimensions every classification rollup holds beside its own. */
export const CLASS_ROLLUP_BASE: ReadonlySet<ReportDimension> = new Set([ReportDimension.MONTH, ReportDimension.REGION, ReportDimension.CATEGORY]);
