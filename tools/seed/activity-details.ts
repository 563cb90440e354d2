import { EMPTY_ACTIVITY_DETAILS, type ValidActivity } from '@pams/server-activities';
import { ActivityType, CallType, PocAccessType, RfxType } from '@pams/shared-util';
import { isoDay } from './dates.js';
import type { Random } from './random.js';

/**
 * One activity as the generators produce it, for the demo (through the ORM's bulk insert) and
 * the benchmark set (through COPY). Every row obeys the domain rules of PRODUCT.md: EXTERNAL rows
 * have an account, a project of that account and their type's required details; INTERNAL rows a
 * name; effort in whole days or half hours, missing only for some Enablement.
 */
export interface ActivityRow extends ValidActivity {
  id: string;
  ownerId: string;
  regionId: string | null;
  createdAt: Date;
}

/** What an activity's text talks about. */
export interface ActivityContext {
  account: string;
  useCase: string;
  product: string;
  industry: string;
}

type Template = (c: ActivityContext) => string;

const MINUTES: Record<CallType, Template[]> = {
  DISCOVERY: [
    (c) => `Discovery with ${c.account}: current ${c.useCase.toLowerCase()} volumes, channels and pain points mapped.`,
    (c) => `Discovery call: ${c.account} wants to automate ${c.useCase.toLowerCase()}; reviewed their stack and KPIs.`,
  ],
  CUSTOMER_KICKOFF: [
    (c) => `Kickoff with ${c.account} stakeholders: scope for ${c.useCase.toLowerCase()}, success criteria and weekly cadence agreed.`,
  ],
  INTERNAL_KICKOFF: [
    (c) => `Internal kickoff for ${c.account}: roles, timeline and ${c.product} environment set up.`,
  ],
  DEMO: [
    (c) => `Demo of ${c.product} for ${c.useCase.toLowerCase()} to ${c.account}'s CX and IT teams; questions on integrations and analytics.`,
    (c) => `Tailored demo for ${c.account}: ${c.useCase.toLowerCase()} journeys on ${c.product}, with live handover to an agent.`,
  ],
  SCOPING_DEEP_DIVE: [
    (c) => `Scoping deep dive with ${c.account}: ${c.useCase.toLowerCase()} journeys, backend APIs and agent handover reviewed.`,
  ],
  FOLLOW_UP: [
    (c) => `Follow-up with ${c.account} on open points: security questionnaire, pricing inputs, ${c.product} roadmap.`,
    (c) => `Follow-up: ${c.account} shared sample conversations; we confirmed feasibility for ${c.useCase.toLowerCase()}.`,
  ],
  QA: [
    (c) => `Q&A with ${c.account}: answered questions on ${c.product}, data retention, SLAs and hosting.`,
  ],
};

const NEXT_STEPS = [
  ' Next: send the recap and a proposal.',
  ' Action items shared by email.',
  ' Customer to confirm volumes by next week.',
  ' Next call booked with their CIO.',
  ' Waiting on their procurement team.',
  '',
];

const CHANNELS = ['WhatsApp', 'web chat', 'voice', 'Instagram', 'SMS', 'in-app chat'];

const INTERNAL_NAMES: Record<string, Template[]> = {
  ENABLEMENT: [(c) => `${c.product} enablement for sales`, () => 'Partner enablement session', () => 'New hire enablement', (c) => `${c.useCase} pitch enablement`],
  TRAINING: [(c) => `${c.product} certification`, (c) => `Advanced ${c.product} training`, () => 'Security and compliance training'],
  WEBINAR: [(c) => `Webinar: ${c.useCase.toLowerCase()} in ${c.industry}`, (c) => `Webinar: what's new in ${c.product}`],
  EVENT_BOOTH: [() => 'Booth at CX Summit', () => 'Booth at Retail Tech Expo', () => 'Booth at FinServ Forum', () => 'Customer meetup booth'],
  CONTENT_CREATION: [(c) => `${c.useCase} solution brief`, () => 'Competitive battlecard refresh', (c) => `${c.industry} case study draft`],
  VIDEO_CREATION: [(c) => `${c.product} demo video`, (c) => `${c.useCase} walkthrough video`],
  DOCUMENTATION: [() => 'Demo environment runbook', (c) => `${c.product} integration notes`, () => 'RFP answer library update'],
  PRODUCT_FEEDBACK: [(c) => `Feedback on ${c.product} analytics`, (c) => `Feature request: ${c.useCase.toLowerCase()}`],
  INTERNAL_MEETING: [() => 'Weekly presales sync', () => 'Pipeline review', () => 'Deal review', () => 'Regional team meeting'],
  INTERNAL_OTHER: [() => 'Interview panel', () => 'Demo environment clean-up', () => 'Internal hackathon'],
};

const DESCRIPTIONS: Template[] = [
  (c) => `Prepared material around ${c.product} for the team.`,
  (c) => `Covered ${c.useCase.toLowerCase()} patterns seen in recent deals.`,
  () => 'Notes and recording shared on the team drive.',
  () => 'Follow-ups tracked in the team board.',
];

/** Share of each INTERNAL type among a person's internal work. */
export const INTERNAL_TYPE_WEIGHTS: [ActivityType, number][] = [
  [ActivityType.INTERNAL_MEETING, 25],
  [ActivityType.ENABLEMENT, 15],
  [ActivityType.TRAINING, 12],
  [ActivityType.DOCUMENTATION, 10],
  [ActivityType.CONTENT_CREATION, 8],
  [ActivityType.PRODUCT_FEEDBACK, 8],
  [ActivityType.WEBINAR, 7],
  [ActivityType.INTERNAL_OTHER, 6],
  [ActivityType.VIDEO_CREATION, 5],
  [ActivityType.EVENT_BOOTH, 4],
];

/**
 * The kind of customer work typical of a point in a deal (0 = first contact, 1 = decision):
 * discovery and RFx early, demos and POCs in the middle, pricing and SOW at the end.
 */
export function externalTypeAt(rng: Random, phase: number): [ActivityType, CallType | null] {
  if (phase < 0.2) {
    const type = rng.weighted<ActivityType>([[ActivityType.CUSTOMER_CALL, 80], [ActivityType.RFX, 14], [ActivityType.EXTERNAL_OTHER, 6]]);
    const call = rng.weighted<CallType>([[CallType.DISCOVERY, 60], [CallType.CUSTOMER_KICKOFF, 20], [CallType.INTERNAL_KICKOFF, 20]]);
    return [type, type === ActivityType.CUSTOMER_CALL ? call : null];
  }
  if (phase < 0.65) {
    const type = rng.weighted<ActivityType>([[ActivityType.CUSTOMER_CALL, 70], [ActivityType.POC, 20], [ActivityType.RFX, 4], [ActivityType.EXTERNAL_OTHER, 6]]);
    const call = rng.weighted<CallType>([[CallType.DEMO, 40], [CallType.SCOPING_DEEP_DIVE, 25], [CallType.QA, 15], [CallType.FOLLOW_UP, 20]]);
    return [type, type === ActivityType.CUSTOMER_CALL ? call : null];
  }
  const type = rng.weighted<ActivityType>([[ActivityType.CUSTOMER_CALL, 50], [ActivityType.PRICING, 22], [ActivityType.SOW, 16], [ActivityType.POC, 5], [ActivityType.EXTERNAL_OTHER, 7]]);
  const call = rng.weighted<CallType>([[CallType.FOLLOW_UP, 60], [CallType.QA, 25], [CallType.DEMO, 15]]);
  return [type, type === ActivityType.CUSTOMER_CALL ? call : null];
}

function hours(rng: Random, min: number, max: number): [null, number] {
  return [null, rng.int(min * 2, max * 2)];
}

function days(rng: Random, min: number, max: number): [number, null] {
  return [rng.int(min, max), null];
}

/** Effort as [days, half hours]: one of them, within 0–31 days or 0–24 hours. */
export function effortFor(rng: Random, type: ActivityType): [number | null, number | null] {
  switch (type) {
    case ActivityType.CUSTOMER_CALL: return hours(rng, 0.5, 3);
    case ActivityType.SOW: return rng.chance(0.7) ? hours(rng, 2, 6) : days(rng, 1, 2);
    case ActivityType.POC: return rng.chance(0.8) ? days(rng, 2, 10) : hours(rng, 4, 16);
    case ActivityType.RFX: return rng.chance(0.7) ? days(rng, 1, 4) : hours(rng, 3, 12);
    case ActivityType.PRICING: return hours(rng, 1, 4);
    case ActivityType.EXTERNAL_OTHER: return hours(rng, 0.5, 4);
    // P-003: Enablement may be saved without effort (after a warning); a quarter of them are.
    case ActivityType.ENABLEMENT: return rng.chance(0.25) ? [null, null] : rng.chance(0.8) ? hours(rng, 1, 4) : days(rng, 1, 1);
    case ActivityType.TRAINING: return rng.chance(0.5) ? days(rng, 1, 3) : hours(rng, 2, 8);
    case ActivityType.WEBINAR: return hours(rng, 1, 2.5);
    case ActivityType.EVENT_BOOTH: return days(rng, 1, 3);
    case ActivityType.CONTENT_CREATION: return hours(rng, 2, 8);
    case ActivityType.VIDEO_CREATION: return hours(rng, 2, 6);
    case ActivityType.DOCUMENTATION: return hours(rng, 1, 6);
    case ActivityType.PRODUCT_FEEDBACK: return hours(rng, 0.5, 2);
    case ActivityType.INTERNAL_MEETING: return hours(rng, 0.5, 2);
    default: return hours(rng, 1, 4);
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

type Details = Pick<ActivityRow, keyof typeof EMPTY_ACTIVITY_DETAILS>;

/** The details an EXTERNAL type requires (PRODUCT.md), filled in plausibly. */
export function externalDetails(rng: Random, type: ActivityType, callType: CallType | null, day: number, c: ActivityContext): Details {
  const details: Details = { ...EMPTY_ACTIVITY_DETAILS };
  switch (type) {
    case ActivityType.CUSTOMER_CALL: {
      const call = callType ?? CallType.FOLLOW_UP;
      details.callType = call;
      details.minutesOfMeeting = rng.pick(MINUTES[call])(c) + rng.pick(NEXT_STEPS);
      break;
    }
    case ActivityType.SOW:
      details.sowLink = `https://docs.example.com/sow/${slug(c.account)}-${isoDay(day).slice(0, 7)}-v${rng.int(1, 4)}`;
      break;
    case ActivityType.POC: {
      const access = rng.weighted<PocAccessType>([
        [PocAccessType.SANDBOX, 40],
        [PocAccessType.CUSTOM_STRUCTURED, 20],
        [PocAccessType.CUSTOM_AGENTIC, 20],
        [PocAccessType.CUSTOM_COMMERCE, 10],
        [PocAccessType.OTHER, 10],
      ]);
      details.pocAccessType = access;
      details.pocUseCase = `${c.useCase} on ${c.product} over ${rng.pick(CHANNELS)}: ${rng.int(2, 8)} journeys with ${c.account}'s sample data.`;
      // A sandbox needs its start and end dates; custom POCs often have them too.
      if (access === PocAccessType.SANDBOX || rng.chance(0.5)) {
        details.pocStartDate = isoDay(day);
        details.pocEndDate = isoDay(day + rng.int(14, 30));
      }
      break;
    }
    case ActivityType.RFX:
      details.rfxType = rng.weighted<RfxType>([[RfxType.RFP, 50], [RfxType.RFI, 25], [RfxType.RFQ, 15], [RfxType.OTHER, 10]]);
      details.submissionDeadline = isoDay(day + rng.int(5, 21));
      break;
    case ActivityType.PRICING:
      details.description = rng.chance(0.6) ? `Commercial proposal for ${c.useCase.toLowerCase()} at ${c.account}.` : null;
      break;
    default:
      details.description = rng.chance(0.5) ? `Reference call and security review support for ${c.account}.` : null;
  }
  return details;
}

/** An INTERNAL activity's name (required), topic and description. */
export function internalDetails(rng: Random, type: ActivityType, c: ActivityContext): Details {
  const details: Details = { ...EMPTY_ACTIVITY_DETAILS };
  details.name = rng.pick(INTERNAL_NAMES[type] ?? INTERNAL_NAMES.INTERNAL_OTHER)(c);
  details.topic = rng.chance(0.7) ? (rng.chance(0.5) ? c.product : c.useCase) : null;
  details.description = rng.chance(0.5) ? rng.pick(DESCRIPTIONS)(c) : null;
  return details;
}


/** The activity table's columns as the generators fill them: for COPY and JSON bulk inserts. */
export const ACTIVITY_COLUMNS: [column: string, pgType: string, value: (a: ActivityRow) => unknown][] = [
  ['id', 'uuid', (a) => a.id],
  ['owner_id', 'uuid', (a) => a.ownerId],
  ['region_id', 'uuid', (a) => a.regionId],
  ['date', 'date', (a) => a.date],
  ['category', 'text', (a) => a.category],
  ['type', 'text', (a) => a.type],
  ['account_id', 'uuid', (a) => a.accountId],
  ['project_id', 'uuid', (a) => a.projectId],
  ['effort_days', 'smallint', (a) => a.effortDays],
  ['effort_half_hours', 'smallint', (a) => a.effortHalfHours],
  ['call_type', 'text', (a) => a.callType],
  ['minutes_of_meeting', 'text', (a) => a.minutesOfMeeting],
  ['sow_link', 'text', (a) => a.sowLink],
  ['poc_access_type', 'text', (a) => a.pocAccessType],
  ['poc_use_case', 'text', (a) => a.pocUseCase],
  ['poc_start_date', 'date', (a) => a.pocStartDate],
  ['poc_end_date', 'date', (a) => a.pocEndDate],
  ['rfx_type', 'text', (a) => a.rfxType],
  ['submission_deadline', 'date', (a) => a.submissionDeadline],
  ['name', 'text', (a) => a.name],
  ['topic', 'text', (a) => a.topic],
  ['description', 'text', (a) => a.description],
  ['created_at', 'timestamptz', (a) => a.createdAt.toISOString()],
  ['updated_at', 'timestamptz', (a) => a.createdAt.toISOString()],
];
