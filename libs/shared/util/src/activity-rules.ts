/** Domain vocabulary and limits of activities (PRODUCT.md, "Domain"), shared by server and client. */
export enum ActivityCategory {
  EXTERNAL = 'EXTERNAL',
  INTERNAL = 'INTERNAL',
}

export enum ActivityType {
  // EXTERNAL
  CUSTOMER_CALL = 'CUSTOMER_CALL',
  SOW = 'SOW',
  POC = 'POC',
  RFX = 'RFX',
  PRICING = 'PRICING',
  EXTERNAL_OTHER = 'EXTERNAL_OTHER',
  // INTERNAL
  ENABLEMENT = 'ENABLEMENT',
  TRAINING = 'TRAINING',
  WEBINAR = 'WEBINAR',
  EVENT_BOOTH = 'EVENT_BOOTH',
  CONTENT_CREATION = 'CONTENT_CREATION',
  VIDEO_CREATION = 'VIDEO_CREATION',
  DOCUMENTATION = 'DOCUMENTATION',
  PRODUCT_FEEDBACK = 'PRODUCT_FEEDBACK',
  INTERNAL_MEETING = 'INTERNAL_MEETING',
  INTERNAL_OTHER = 'INTERNAL_OTHER',
}

export const EXTERNAL_TYPES: readonly ActivityType[] = [
  ActivityType.CUSTOMER_CALL,
  ActivityType.SOW,
  ActivityType.POC,
  ActivityType.RFX,
  ActivityType.PRICING,
  ActivityType.EXTERNAL_OTHER,
];

export const INTERNAL_TYPES: readonly ActivityType[] = [
  ActivityType.ENABLEMENT,
  ActivityType.TRAINING,
  ActivityType.WEBINAR,
  ActivityType.EVENT_BOOTH,
  ActivityType.CONTENT_CREATION,
  ActivityType.VIDEO_CREATION,
  ActivityType.DOCUMENTATION,
  ActivityType.PRODUCT_FEEDBACK,
  ActivityType.INTERNAL_MEETING,
  ActivityType.INTERNAL_OTHER,
];

export function categoryOf(type: ActivityType): ActivityCategory {
  return EXTERNAL_TYPES.includes(type) ? ActivityCategory.EXTERNAL : ActivityCategory.INTERNAL;
}

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  CUSTOMER_CALL: 'Customer call',
  SOW: 'SOW',
  POC: 'POC',
  RFX: 'RFx',
  PRICING: 'Pricing',
  EXTERNAL_OTHER: 'Other',
  ENABLEMENT: 'Enablement',
  TRAINING: 'Training',
  WEBINAR: 'Webinar',
  EVENT_BOOTH: 'Event/booth hosting',
  CONTENT_CREATION: 'Content creation',
  VIDEO_CREATION: 'Video creation',
  DOCUMENTATION: 'Documentation',
  PRODUCT_FEEDBACK: 'Product feedback',
  INTERNAL_MEETING: 'Internal meeting',
  INTERNAL_OTHER: 'Other',
};

export enum CallType {
  DEMO = 'DEMO',
  DISCOVERY = 'DISCOVERY',
  SCOPING_DEEP_DIVE = 'SCOPING_DEEP_DIVE',
  FOLLOW_UP = 'FOLLOW_UP',
  QA = 'QA',
  INTERNAL_KICKOFF = 'INTERNAL_KICKOFF',
  CUSTOMER_KICKOFF = 'CUSTOMER_KICKOFF',
}

export enum PocAccessType {
  SANDBOX = 'SANDBOX',
  CUSTOM_STRUCTURED = 'CUSTOM_STRUCTURED',
  CUSTOM_AGENTIC = 'CUSTOM_AGENTIC',
  CUSTOM_COMMERCE = 'CUSTOM_COMMERCE',
  OTHER = 'OTHER',
}

export enum RfxType {
  RFP = 'RFP',
  RFI = 'RFI',
  RFQ = 'RFQ',
  OTHER = 'OTHER',
}

export enum UseCaseBucket {
  SUPPORT = 'SUPPORT',
  COMMERCE = 'COMMERCE',
  MARKETING = 'MARKETING',
  OTHER = 'OTHER',
}

export enum ProjectStatus {
  ACTIVE = 'ACTIVE',
  WON = 'WON',
  LOST = 'LOST',
}

export enum OutcomeResult {
  WON = 'WON',
  LOST = 'LOST',
}

export enum Currency {
  INR = 'INR',
  AED = 'AED',
  USD = 'USD',
  EUR = 'EUR',
  GBP = 'GBP',
  BRL = 'BRL',
}

export enum AccountKind {
  NEW = 'NEW',
  EXISTING = 'EXISTING',
}

export const ACTIVITY_DATE_MIN = '2020-01-01';
export const ACTIVITY_DATE_MAX = '2050-12-31';
export const EFFORT_DAYS_MAX = 31;
export const EFFORT_HOURS_MAX = 24;

/** A calendar month as `YYYY-MM`. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** First day of the month and first day of the next month, for `date >= from and date < to`. */
/** A month's first and last day, both inclusive (`2026-02` → 2026-02-01 … 2026-02-28), as a calendar range takes them. */
export function monthDays(month: string): { first: string; last: string } {
  const { from, to } = monthRange(month);
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(0);
  return { first: from, last: last.toISOString().slice(0, 10) };
}

export function monthRange(month: string): { from: string; to: string } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`invalid month "${month}"`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export function isValidEffortDays(days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= EFFORT_DAYS_MAX;
}

/** Hours in steps of half an hour. */
export function isValidEffortHours(hours: number): boolean {
  return Number.isFinite(hours) && hours >= 0 && hours <= EFFORT_HOURS_MAX && Number.isInteger(hours * 2);
}
