import type { ActivityInput, ActivityType, CallType, EditableActivity, PocAccessType, RfxType } from '@pams/client-activities-data-access';
import { ACTIVITY_TYPE_LABELS, ActivityCategory, categoryOf, type ActivityType as DomainActivityType } from '@pams/shared-util';

/** What the form edits: strings as the inputs hold them, so a half-typed value is never lost. */
export interface FormValues {
  date: string;
  type: ActivityType | '';
  accountId: string;
  projectId: string;
  effortUnit: 'days' | 'hours';
  effort: string;
  callType: string;
  minutesOfMeeting: string;
  sowLink: string;
  pocAccessType: string;
  pocUseCase: string;
  pocStartDate: string;
  pocEndDate: string;
  rfxType: string;
  submissionDeadline: string;
  name: string;
  topic: string;
  description: string;
}

/** Fields of each kind of activity beyond date, type and effort (PRODUCT.md, "Domain"). */
export function fieldsFor(type: ActivityType | ''): (keyof FormValues)[] {
  if (type === '') return [];
  if (categoryOf(type as DomainActivityType) === ActivityCategory.INTERNAL) return ['name', 'topic', 'description'];
  const external: (keyof FormValues)[] = ['accountId', 'projectId'];
  switch (type) {
    case 'CUSTOMER_CALL':
      return [...external, 'callType', 'minutesOfMeeting'];
    case 'SOW':
      return [...external, 'sowLink'];
    case 'POC':
      return [...external, 'pocAccessType', 'pocUseCase', 'pocStartDate', 'pocEndDate'];
    case 'RFX':
      return [...external, 'rfxType', 'submissionDeadline'];
    default:
      return external;
  }
}

export const FIELD_LABELS: Record<keyof FormValues, string> = {
  date: 'Date',
  type: 'Type',
  accountId: 'Account',
  projectId: 'Project',
  effortUnit: 'Effort unit',
  effort: 'Effort',
  callType: 'Call type',
  minutesOfMeeting: 'Minutes of meeting',
  sowLink: 'SOW link',
  pocAccessType: 'Access type',
  pocUseCase: 'Use case',
  pocStartDate: 'Sandbox start',
  pocEndDate: 'Sandbox end',
  rfxType: 'RFx type',
  submissionDeadline: 'Submission deadline',
  name: 'Name',
  topic: 'Topic',
  description: 'Description',
};

export function emptyForm(date: string): FormValues {
  return {
    date,
    type: '',
    accountId: '',
    projectId: '',
    effortUnit: 'hours',
    effort: '',
    callType: '',
    minutesOfMeeting: '',
    sowLink: '',
    pocAccessType: '',
    pocUseCase: '',
    pocStartDate: '',
    pocEndDate: '',
    rfxType: '',
    submissionDeadline: '',
    name: '',
    topic: '',
    description: '',
  };
}

/** The shape both an Activity and the ActivityInput kept in a Draft share. */
type ActivityLike = Partial<Record<Exclude<keyof FormValues, 'effortUnit' | 'effort'>, unknown>> & {
  effortDays?: unknown;
  effortHours?: unknown;
  account?: { id: string } | null;
  project?: { id: string } | null;
};

const text = (value: unknown): string => (value == null ? '' : String(value));

/** Form values from the server's copy or from a Draft's input (P-008). */
export function toFormValues(source: ActivityLike | EditableActivity, fallbackDate = ''): FormValues {
  const s = source as ActivityLike;
  const days = s.effortDays;
  return {
    ...emptyForm(text(s.date) || fallbackDate),
    type: text(s.type) as ActivityType,
    accountId: s.account?.id ?? text(s.accountId),
    projectId: s.project?.id ?? text(s.projectId),
    effortUnit: days != null ? 'days' : 'hours',
    effort: days != null ? text(days) : text(s.effortHours),
    callType: text(s.callType),
    minutesOfMeeting: text(s.minutesOfMeeting),
    sowLink: text(s.sowLink),
    pocAccessType: text(s.pocAccessType),
    pocUseCase: text(s.pocUseCase),
    pocStartDate: text(s.pocStartDate),
    pocEndDate: text(s.pocEndDate),
    rfxType: text(s.rfxType),
    submissionDeadline: text(s.submissionDeadline),
    name: text(s.name),
    topic: text(s.topic),
    description: text(s.description),
  };
}

/** The ActivityInput for these values: only the fields the type takes (the server checks the rest). */
export function toInput(values: FormValues, acknowledgeWarnings: string[] = []): ActivityInput {
  const type = values.type as ActivityType;
  const input: ActivityInput = { type, date: values.date || null };
  const effort = values.effort.trim();
  if (effort !== '') {
    const n = Number(effort);
    if (values.effortUnit === 'days') input.effortDays = n;
    else input.effortHours = n;
  }
  const value = (field: keyof FormValues) => values[field].trim() || null;
  for (const field of fieldsFor(type)) {
    const v = value(field);
    switch (field) {
      case 'callType':
        input.callType = v as CallType | null;
        break;
      case 'pocAccessType':
        input.pocAccessType = v as PocAccessType | null;
        break;
      case 'rfxType':
        input.rfxType = v as RfxType | null;
        break;
      default:
        (input as Record<string, unknown>)[field] = v;
    }
  }
  if (acknowledgeWarnings.length > 0) input.acknowledgeWarnings = acknowledgeWarnings;
  return input;
}

/** How a value reads in the conflict view. */
export function describeValue(values: FormValues, field: keyof FormValues, names: Record<string, string>): string {
  if (field === 'effort') return values.effort === '' ? '—' : `${values.effort} ${values.effortUnit === 'days' ? 'd' : 'h'}`;
  if (field === 'type') return values.type ? ACTIVITY_TYPE_LABELS[values.type] : '—';
  const value = values[field];
  if (value === '') return '—';
  if (field === 'accountId' || field === 'projectId') return names[value] ?? value;
  return value;
}

/** The fields where two versions differ, for the conflict view (P-007): only those are shown. */
export function differingFields(mine: FormValues, theirs: FormValues): (keyof FormValues)[] {
  const fields: (keyof FormValues)[] = ['date', 'type', 'effort', ...new Set([...fieldsFor(mine.type), ...fieldsFor(theirs.type)])];
  return fields.filter((field) =>
    field === 'effort' ? mine.effort !== theirs.effort || (mine.effort !== '' && mine.effortUnit !== theirs.effortUnit) : mine[field] !== theirs[field],
  );
}

/** A uuid for a new activity, made once per form: a retried create is the same create (idempotent on id). */
export function newClientId(): string {
  // randomUUID exists only in secure contexts (https, localhost); plain-http hosts get the fallback.
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : uuidFromRandomValues();
}

/** A v4 uuid from getRandomValues, which every context has. */
export function uuidFromRandomValues(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function monthOfDate(date: string): string {
  return date.slice(0, 7);
}
