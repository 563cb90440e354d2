import { Activity, validateActivity, type ActivityInput } from '@pams/server-activities';
import { ACTIVITY_TYPE_LABELS, ActivityType, CallType, PocAccessType, RfxType } from '@pams/shared-util';
import { LegacyImportKind } from '../entities/legacy-import.entity.js';
import { RowReader, displayValues, groupByKey, keyRecords, nameKey, type ImportField, type KindSpec } from './kind-spec.js';
import { loadPeopleAndAccounts, type PeopleAndAccounts } from './lookups.js';

const FIELDS: ImportField[] = [
  { name: 'date', label: 'Date', required: true, key: true, aliases: ['date', 'activitydate', 'day', 'loggedon'] },
  { name: 'owner', label: 'Owner email', required: true, key: true, aliases: ['owner', 'owneremail', 'email', 'user', 'useremail', 'presales', 'presalesemail', 'loggedby'] },
  { name: 'type', label: 'Type', required: true, key: true, properties: ['type', 'category'], aliases: ['type', 'activitytype', 'kind'] },
  { name: 'account', label: 'Account', required: false, key: true, aliases: ['account', 'accountname', 'customer', 'client'] },
  { name: 'project', label: 'Project', required: false, aliases: ['project', 'projectname', 'opportunity', 'opportunityname'] },
  { name: 'effortDays', label: 'Effort (days)', required: false, aliases: ['effortdays', 'days'] },
  { name: 'effortHours', label: 'Effort (hours)', required: false, properties: ['effortHalfHours'], aliases: ['efforthours', 'hours', 'effort'] },
  { name: 'callType', label: 'Call type', required: false, aliases: ['calltype'] },
  { name: 'minutesOfMeeting', label: 'Minutes of meeting', required: false, aliases: ['minutesofmeeting', 'mom', 'minutes', 'notes'] },
  { name: 'sowLink', label: 'SOW link', required: false, aliases: ['sowlink', 'sow'] },
  { name: 'pocAccessType', label: 'POC access type', required: false, aliases: ['pocaccesstype', 'accesstype'] },
  { name: 'pocUseCase', label: 'POC use case', required: false, aliases: ['pocusecase', 'usecase'] },
  { name: 'pocStartDate', label: 'POC start date', required: false, aliases: ['pocstartdate', 'pocstart'] },
  { name: 'pocEndDate', label: 'POC end date', required: false, aliases: ['pocenddate', 'pocend'] },
  { name: 'rfxType', label: 'RFx type', required: false, aliases: ['rfxtype'] },
  { name: 'submissionDeadline', label: 'Submission deadline', required: false, aliases: ['submissiondeadline', 'deadline'] },
  { name: 'name', label: 'Name', required: false, aliases: ['name', 'activityname', 'title'] },
  { name: 'topic', label: 'Topic', required: false, aliases: ['topic'] },
  { name: 'description', label: 'Description', required: false, aliases: ['description', 'details'] },
];

/** Validator field names (ActivityInput) → import field names, so reasons name the file's columns. */
const INPUT_FIELD: Record<string, string> = { accountId: 'account', projectId: 'project' };

const LONG = 10_000;

function activityKey(date: string, ownerId: string, type: string, accountId: string | null): string {
  return `${date}|${ownerId}|${type}|${accountId ?? ''}`;
}

/**
 * Activities: matched on date + owner + account + type (PRODUCT.md P-011). Every rule of the activity
 * form applies (validateActivity), except that Enablement without effort needs no acknowledgement.
 */
export const activitiesKind: KindSpec<PeopleAndAccounts> = {
  kind: LegacyImportKind.ACTIVITIES,
  entity: Activity,
  table: 'activity',
  liveRows: 'select count(*)::int as n from activity where deleted_at is null',
  fields: FIELDS,
  createOnly: ['region'],
  load: (em) => loadPeopleAndAccounts(em),
  check(cells, ctx) {
    const read = new RowReader(cells, FIELDS);
    const date = read.date('date', true);
    const email = read.text('owner', 254);
    const owner = email === null ? null : ctx.usersByEmail.get(email.toLowerCase());
    if (email !== null && !owner) read.fail('owner', 'UNKNOWN_USER', `No user has the email ${email.slice(0, 80)}: import the users first.`);
    const type = read.choice('type', ActivityType, ACTIVITY_TYPE_LABELS, true);
    const accountName = read.text('account', 200);
    let accountId: string | null = null;
    if (accountName !== null) {
      accountId = ctx.accountsByName.get(nameKey(accountName)) ?? null;
      if (!accountId) read.fail('account', 'UNKNOWN_ACCOUNT', `No account is named "${accountName.slice(0, 80)}": import the accounts first.`);
    }
    const projectName = read.text('project', 200);
    let projectId: string | null = null;
    if (projectName !== null && accountId !== null) {
      projectId = ctx.projectsByName.get(`${accountId}|${nameKey(projectName)}`) ?? null;
      if (!projectId) read.fail('project', 'UNKNOWN_PROJECT', `Account "${accountName}" has no project named "${projectName.slice(0, 80)}".`);
    }
    const input: ActivityInput = {
      date: date ?? undefined,
      type: type!,
      accountId,
      projectId,
      effortDays: read.number('effortDays'),
      effortHours: read.number('effortHours'),
      callType: read.choice('callType', CallType),
      minutesOfMeeting: read.text('minutesOfMeeting', LONG),
      sowLink: read.text('sowLink', 500),
      pocAccessType: read.choice('pocAccessType', PocAccessType),
      pocUseCase: read.text('pocUseCase', LONG),
      pocStartDate: read.date('pocStartDate'),
      pocEndDate: read.date('pocEndDate'),
      rfxType: read.choice('rfxType', RfxType),
      submissionDeadline: read.date('submissionDeadline'),
      name: read.text('name', 200),
      topic: read.text('topic', 200),
      description: read.text('description', LONG),
      // Legacy data: an Enablement without effort is taken as it is.
      acknowledgeWarnings: ['ENABLEMENT_WITHOUT_EFFORT'],
    } as ActivityInput;
    if (read.reasons.length > 0 || !date || !owner || !type) return { ok: false, reasons: read.reasons };
    const accounts = new Map(accountId ? [[accountId, { projectIds: ctx.projectsOfAccount.get(accountId) ?? [] }]] : []);
    const checked = validateActivity(input, { defaultDate: date, accounts });
    if (checked.kind === 'invalid') {
      return { ok: false, reasons: checked.errors.map((e) => ({ ...e, field: INPUT_FIELD[e.field] ?? e.field })) };
    }
    if (checked.kind !== 'valid') return { ok: false, reasons: [] };
    const v = checked.value;
    const values: Record<string, unknown> = {
      date: v.date,
      owner: owner.id,
      region: owner.defaultRegionId,
      category: v.category,
      type: v.type,
      account: v.accountId,
      project: v.projectId,
      effortDays: v.effortDays,
      effortHalfHours: v.effortHalfHours,
      callType: v.callType,
      minutesOfMeeting: v.minutesOfMeeting,
      sowLink: v.sowLink,
      pocAccessType: v.pocAccessType,
      pocUseCase: v.pocUseCase,
      pocStartDate: v.pocStartDate,
      pocEndDate: v.pocEndDate,
      rfxType: v.rfxType,
      submissionDeadline: v.submissionDeadline,
      name: v.name,
      topic: v.topic,
      description: v.description,
    };
    const display = displayOf(values, { owner: email!, account: accountName, project: v.projectId ? (ctx.projectNames.get(v.projectId) ?? projectName) : null });
    return { ok: true, row: { values, display, key: activityKey(v.date, owner.id, v.type, v.accountId) } };
  },
  async existing(em, rows) {
    const found = await em.execute<Record<string, unknown>[]>(
      `select a.id, a.version, a.date::text as date, a.owner_id as owner, a.category, a.type, a.account_id as account, a.project_id as project,
          a.effort_days as "effortDays", a.effort_half_hours as "effortHalfHours", a.call_type as "callType", a.minutes_of_meeting as "minutesOfMeeting",
          a.sow_link as "sowLink", a.poc_access_type as "pocAccessType", a.poc_use_case as "pocUseCase", a.poc_start_date::text as "pocStartDate",
          a.poc_end_date::text as "pocEndDate", a.rfx_type as "rfxType", a.submission_deadline::text as "submissionDeadline", a.name, a.topic, a.description,
          u.email as owner_email, acc.name as account_name, p.name as project_name
       from (select distinct * from jsonb_to_recordset(?::jsonb) as r(date date, owner_id uuid, type text, account_id uuid)) as k
       join activity a on a.date = k.date and a.owner_id = k.owner_id and a.type = k.type and a.account_id is not distinct from k.account_id
       join app_user u on u.id = a.owner_id
       left join account acc on acc.id = a.account_id
       left join project p on p.id = a.project_id
       where a.deleted_at is null`,
      [keyRecords(rows, { date: (r) => r.values.date, owner_id: (r) => r.values.owner, type: (r) => r.values.type, account_id: (r) => r.values.account })],
    );
    return groupByKey(
      found,
      (row) => activityKey(String(row.date), String(row.owner), String(row.type), (row.account as string | null) ?? null),
      ({ id, version, owner_email, account_name, project_name, ...values }) => ({
        id: String(id),
        version: Number(version),
        values,
        display: displayOf(values, { owner: String(owner_email), account: account_name as string | null, project: project_name as string | null }),
      }),
    );
  },
  effort(values) {
    const days = (values.effortDays as number | null) ?? 0;
    const halfHours = (values.effortHalfHours as number | null) ?? 0;
    return { month: String(values.date).slice(0, 7), days, halfHours };
  },
};

function displayOf(values: Record<string, unknown>, names: { owner: string; account: string | null; project: string | null }): Record<string, string | null> {
  const display = displayValues(values, names);
  display.effortHalfHours = values.effortHalfHours == null ? null : `${Number(values.effortHalfHours) / 2} h`;
  display.type = values.type ? (ACTIVITY_TYPE_LABELS[values.type as ActivityType] ?? String(values.type)) : null;
  delete display.region;
  return display;
}

