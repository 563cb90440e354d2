import { fieldError, isUuid, type FieldError } from '@pams/server-core';
import {
  ACTIVITY_DATE_MAX,
  ACTIVITY_DATE_MIN,
  ActivityCategory,
  ActivityType,
  CallType,
  PocAccessType,
  RfxType,
  categoryOf,
  isHttpUrl,
  isValidDate,
  isValidEffortDays,
  isValidEffortHours,
} from '@pams/shared-util';
import type { ActivityInput } from './activity.input.js';

export const ENABLEMENT_WITHOUT_EFFORT = 'ENABLEMENT_WITHOUT_EFFORT';

/** Column sizes of the activity table, and a cap on free text so one row cannot be megabytes. */
export const TEXT_LIMITS = { name: 200, topic: 200, sowLink: 500, longText: 10_000 } as const;

/** What the validator needs to know about an account: its projects. */
export interface AccountFacts {
  projectIds: readonly string[];
}

/** An input that passed every rule, with defaults applied and fields foreign to its type cleared. */
export interface ValidActivity {
  date: string;
  category: ActivityCategory;
  type: ActivityType;
  accountId: string | null;
  projectId: string | null;
  effortDays: number | null;
  effortHalfHours: number | null;
  callType: CallType | null;
  minutesOfMeeting: string | null;
  sowLink: string | null;
  pocAccessType: PocAccessType | null;
  pocUseCase: string | null;
  pocStartDate: string | null;
  pocEndDate: string | null;
  rfxType: RfxType | null;
  submissionDeadline: string | null;
  name: string | null;
  topic: string | null;
  description: string | null;
}

export type ActivityValidation =
  | { kind: 'valid'; value: ValidActivity }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'needsAcknowledgement'; warnings: string[] };

export interface ValidationContext {
  /** The date when the input gives none: the last logged date (create) or the current one (update). */
  defaultDate: string;
  accounts: ReadonlyMap<string, AccountFacts>;
}

/** The type-specific details of an activity, all empty: each type's rules fill in its own. */
export const EMPTY_ACTIVITY_DETAILS = {
  callType: null,
  minutesOfMeeting: null,
  sowLink: null,
  pocAccessType: null,
  pocUseCase: null,
  pocStartDate: null,
  pocEndDate: null,
  rfxType: null,
  submissionDeadline: null,
  name: null,
  topic: null,
  description: null,
} as const satisfies Partial<ValidActivity>;

/** Every rule of PRODUCT.md "Domain" for an activity, each failure named per field. */
export function validateActivity(input: ActivityInput, context: ValidationContext): ActivityValidation {
  const errors: FieldError[] = [];
  const fail = (field: string, code: string, message: string) => errors.push(fieldError(field, code, message));
  const type = input.type;
  if (!Object.values(ActivityType).includes(type)) {
    return { kind: 'invalid', errors: [fieldError('type', 'INVALID', 'Choose a type.')] };
  }
  const category = categoryOf(type);
  if (input.category != null && input.category !== category) {
    fail('type', 'CATEGORY_MISMATCH', `This type is not a${input.category === ActivityCategory.EXTERNAL ? 'n external' : 'n internal'} activity.`);
  }

  const date = input.date == null ? context.defaultDate : checkedDate('date', input.date, fail);

  const value: ValidActivity = {
    date: date ?? context.defaultDate,
    category,
    type,
    accountId: null,
    projectId: null,
    effortDays: null,
    effortHalfHours: null,
    ...EMPTY_ACTIVITY_DETAILS,
  };

  if (category === ActivityCategory.EXTERNAL) {
    externalRules(input, context, value, fail);
  } else {
    value.name = requiredText('name', input.name, TEXT_LIMITS.name, fail, 'Give the activity a name.');
    value.topic = optionalText('topic', input.topic, TEXT_LIMITS.topic, fail);
    value.description = optionalText('description', input.description, TEXT_LIMITS.longText, fail);
  }

  const warnings: string[] = [];
  const hasDays = input.effortDays != null;
  const hasHours = input.effortHours != null;
  if (hasDays && hasHours) {
    fail('effort', 'BOTH_GIVEN', 'Give the effort in days or in hours, not both.');
  } else if (hasDays) {
    if (isValidEffortDays(input.effortDays as number)) value.effortDays = input.effortDays as number;
    else fail('effortDays', 'OUT_OF_RANGE', 'Days are whole numbers from 0 to 31.');
  } else if (hasHours) {
    if (isValidEffortHours(input.effortHours as number)) value.effortHalfHours = Math.round((input.effortHours as number) * 2);
    else fail('effortHours', 'OUT_OF_RANGE', 'Hours go from 0 to 24 in steps of half an hour.');
  } else if (type === ActivityType.ENABLEMENT) {
    // P-003: Enablement may go without effort, but only once the user has said so.
    if (!(input.acknowledgeWarnings ?? []).includes(ENABLEMENT_WITHOUT_EFFORT)) warnings.push(ENABLEMENT_WITHOUT_EFFORT);
  } else {
    fail('effort', 'REQUIRED', 'Give the effort in days or in hours.');
  }

  if (errors.length > 0) return { kind: 'invalid', errors };
  if (warnings.length > 0) return { kind: 'needsAcknowledgement', warnings };
  return { kind: 'valid', value };
}

type Fail = (field: string, code: string, message: string) => void;

function externalRules(input: ActivityInput, context: ValidationContext, value: ValidActivity, fail: Fail): void {
  if (input.accountId == null || input.accountId === '') {
    fail('accountId', 'REQUIRED', 'Choose the customer account.');
  } else if (!isUuid(input.accountId) || !context.accounts.has(input.accountId)) {
    fail('accountId', 'NOT_FOUND', 'No such account.');
  } else {
    value.accountId = input.accountId;
    const projects = context.accounts.get(input.accountId)!.projectIds;
    if (input.projectId == null || input.projectId === '') {
      // P-004: an account with exactly one project needs no choice.
      if (projects.length === 1) value.projectId = projects[0];
      else fail('projectId', 'REQUIRED', 'Choose the project.');
    } else if (!projects.includes(input.projectId)) {
      fail('projectId', 'NOT_IN_ACCOUNT', 'Choose a project of this account.');
    } else {
      value.projectId = input.projectId;
    }
  }

  switch (input.type) {
    case ActivityType.CUSTOMER_CALL:
      value.callType = requiredEnum('callType', input.callType, CallType, fail, 'Choose the call type.');
      value.minutesOfMeeting = requiredText('minutesOfMeeting', input.minutesOfMeeting, TEXT_LIMITS.longText, fail, 'Write the minutes of the meeting.');
      break;
    case ActivityType.SOW: {
      const link = requiredText('sowLink', input.sowLink, TEXT_LIMITS.sowLink, fail, 'Give the link to the SOW.');
      if (link !== null && !isHttpUrl(link)) fail('sowLink', 'INVALID', 'Give a link starting with http:// or https://.');
      else value.sowLink = link;
      break;
    }
    case ActivityType.POC: {
      value.pocAccessType = requiredEnum('pocAccessType', input.pocAccessType, PocAccessType, fail, 'Choose the access type.');
      value.pocUseCase = requiredText('pocUseCase', input.pocUseCase, TEXT_LIMITS.longText, fail, 'Describe the use case.');
      const sandbox = value.pocAccessType === PocAccessType.SANDBOX;
      const start = input.pocStartDate == null ? null : checkedDate('pocStartDate', input.pocStartDate, fail);
      const end = input.pocEndDate == null ? null : checkedDate('pocEndDate', input.pocEndDate, fail);
      if (sandbox && input.pocStartDate == null) fail('pocStartDate', 'REQUIRED', 'A sandbox POC needs a start date.');
      if (sandbox && input.pocEndDate == null) fail('pocEndDate', 'REQUIRED', 'A sandbox POC needs an end date.');
      if (start !== null && end !== null && end < start) fail('pocEndDate', 'END_BEFORE_START', 'The end date is before the start date.');
      value.pocStartDate = start;
      value.pocEndDate = end;
      break;
    }
    case ActivityType.RFX:
      value.rfxType = requiredEnum('rfxType', input.rfxType, RfxType, fail, 'Choose RFP, RFI, RFQ or Other.');
      if (input.submissionDeadline == null || input.submissionDeadline === '') fail('submissionDeadline', 'REQUIRED', 'Give the submission deadline.');
      else value.submissionDeadline = checkedDate('submissionDeadline', input.submissionDeadline, fail);
      break;
    default:
      break;
  }
}

/** A calendar date within the range PAMS accepts, or null after recording why not. */
function checkedDate(field: string, raw: string, fail: Fail): string | null {
  if (!isValidDate(raw)) {
    fail(field, 'INVALID', 'Give a date as YYYY-MM-DD.');
    return null;
  }
  if (raw < ACTIVITY_DATE_MIN || raw > ACTIVITY_DATE_MAX) {
    fail(field, 'OUT_OF_RANGE', `Dates go from ${ACTIVITY_DATE_MIN} to ${ACTIVITY_DATE_MAX}.`);
    return null;
  }
  return raw;
}

function requiredText(field: string, raw: string | null | undefined, max: number, fail: Fail, message: string): string | null {
  const text = optionalText(field, raw, max, fail);
  if (text === null && (raw == null || raw.trim() === '')) fail(field, 'REQUIRED', message);
  return text;
}

function optionalText(field: string, raw: string | null | undefined, max: number, fail: Fail): string | null {
  if (raw == null) return null;
  const text = raw.trim();
  if (text === '') return null;
  if (text.length > max) {
    fail(field, 'TOO_LONG', `At most ${max} characters.`);
    return null;
  }
  return text;
}

function requiredEnum<T extends string>(field: string, raw: T | null | undefined, values: Record<string, T>, fail: Fail, message: string): T | null {
  if (raw == null) {
    fail(field, 'REQUIRED', message);
    return null;
  }
  if (!Object.values(values).includes(raw)) {
    fail(field, 'INVALID', message);
    return null;
  }
  return raw;
}
