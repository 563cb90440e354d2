import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { createActivity, createDomainFixture, signedInUser, updateActivity, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { parseCsv } from './support/export-files.js';
import { startTestRunner, type TestRunner } from './support/job-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Legacy import (issue 10, P-011/P-012): a file of the old system is staged, mapped, dry-run (each row
 * classified exactly), decided, committed in one audited transaction with post-checks, and undone
 * from its journal, refused when records were edited since.
 */

let app: TestApp;
let f: DomainFixture;
let admin: SignedInUser;
let ana: SignedInUser;
let ben: SignedInUser;
let manager: SignedInUser;
let runner: TestRunner;
const existing: Record<string, { id: string; version: number }> = {};

const IMPORT = `query($id: ID!, $status: LegacyRowStatus) { legacyImport(id: $id) {
  id version kind status stagedRows headers error createdRecords updatedRecords committedByName
  fields { name column suggested required key }
  counts { new conflict unchanged rejected willChange }
  postChecks { name before after expected ok }
  undoBlockers { rowNumber entityId reason }
  rows(status: $status, first: 100) { next nodes { rowNumber status key targetId reasons { field code message } differences { field label before after choice } } } } }`;
const RESULT = `__typename ... on LegacyImport { id version status counts { new conflict unchanged rejected willChange } }
  ... on UserError { message } ... on ValidationFailed { fields { field code message } } ... on LegacyUndoRefused { total rows { rowNumber entityId reason } }`;
const CHECK = `mutation($id: ID!, $v: Int!) { checkLegacyImport(id: $id, expectedVersion: $v) { ${RESULT} } }`;
const COMMIT = `mutation($id: ID!, $v: Int!) { commitLegacyImport(id: $id, expectedVersion: $v) { ${RESULT} } }`;
const UNDO = `mutation($id: ID!, $v: Int!) { undoLegacyImport(id: $id, expectedVersion: $v) { ${RESULT} } }`;
const CHOOSE = `mutation($input: ChooseLegacyValuesInput!) { chooseLegacyValues(input: $input) { ${RESULT} } }`;
const MAP = `mutation($input: MapLegacyImportInput!) { mapLegacyImport(input: $input) { ${RESULT} } }`;

function cookie(user: SignedInUser): string {
  return [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function upload(user: SignedInUser, kind: string, fileName: string, body: Buffer | string, id = randomUUID()) {
  const response = await fetch(`${app.url}/legacy-imports?${new URLSearchParams({ id, kind, fileName })}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-pams-upload': '1', cookie: cookie(user) },
    body,
  });
  return { status: response.status, json: (await response.json()) as any, id };
}

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute<T[]>(text, params);
}

async function read(id: string, status?: string): Promise<any> {
  return (await admin.client.data<{ legacyImport: any }>(IMPORT, { id, status })).legacyImport;
}

/** Runs a queued step and waits for it to finish. */
async function runStep(id: string, mutation: string, task: string): Promise<any> {
  const { version } = await read(id);
  const finished = runner.nextOutcome((job) => job.task_identifier === task);
  const answer = Object.values(await admin.client.data(mutation, { id, v: version }))[0] as any;
  if (answer.__typename !== 'LegacyImport') return answer;
  const outcome = await finished;
  expect(outcome.error).toBeFalsy();
  return read(id);
}

/** Every column of every activity but the ones a write always moves (version, updated_at). */
const activityState = () =>
  sql(`select id, owner_id, region_id, date::text, category, type, account_id, project_id, effort_days, effort_half_hours, call_type,
         minutes_of_meeting, name, topic, description, deleted_at from activity order by id`);

const HEADER = 'Activity Date,Presales Email,Activity Type,Customer,Project,Days,Hours,Call Type,MoM,Activity Name';

function legacyFile(): string {
  const a = ana.email.toUpperCase();
  const b = ben.email;
  return [
    HEADER,
    `2026-03-05,${a},Customer call,Solo Retail Ltd,,,1.5,Demo,Intro call,`, // 2 NEW (the account's one project)
    `2026-03-02,${a},Customer call,solo retail ltd,Solo rollout,,1,DEMO,Demo of voice bot,`, // 3 UNCHANGED
    `2026-03-03,${a},Pricing,Multi Bank plc,Chatbot,2,,,,`, // 4 CONFLICT: days 1 → 2
    `2026-03-04,${b},Training,,,,3,,,Product training v2`, // 5 CONFLICT: name and hours
    `31/02/2026,${a},Customer call,Solo Retail Ltd,,,1,Demo,x,`, // 6 bad date
    `2026-03-06,ghost@old.example,Pricing,Multi Bank plc,Voice,1,,,,`, // 7 unknown user
    `2026-03-05,${ana.email},customer_call,Solo Retail Ltd,,,2,Demo,Again,`, // 8 duplicate of row 2
    `2026-03-07,${a},Pricing,Nowhere Inc,,1,,,,`, // 9 unknown account
    `2026-03-08,${a},Customer call,Solo Retail Ltd,,,1,,no call type,`, // 10 missing call type
    '',
    `2026-04-01,${b},Webinar,,,,2,,,Launch webinar`, // 12 NEW (internal)
    `2026-04-02,${b},Webinar,,,1,2,,,Both efforts`, // 13 days and hours
  ].join('\r\n');
}

beforeAll(async () => {
  app = await startTestApp({ LEGACY_IMPORT_MAX_MB: '1' });
  runner = await startTestRunner(app);
  f = await createDomainFixture(app.orm);
  admin = await signedInUser(app, { role: Role.ADMIN, name: 'Ada Admin' });
  manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south] });
  ana = await signedInUser(app, { role: Role.MEMBER, name: 'Ana', regionIds: [f.regions.south], defaultRegionId: f.regions.south });
  ben = await signedInUser(app, { role: Role.MEMBER, name: 'Ben', regionIds: [f.regions.south], defaultRegionId: f.regions.south });
  const made = {
    call: await createActivity(ana.client, { date: '2026-03-02', type: 'CUSTOMER_CALL', accountId: f.solo.accountId, projectId: f.solo.projectId, effortHours: 1, callType: 'DEMO', minutesOfMeeting: 'Demo of voice bot' }),
    pricing: await createActivity(ana.client, { date: '2026-03-03', type: 'PRICING', accountId: f.multi.accountId, projectId: f.multi.projectIds[0], effortDays: 1 }),
    training: await createActivity(ben.client, { date: '2026-03-04', type: 'TRAINING', name: 'Product training', effortHours: 2 }),
  };
  for (const [key, a] of Object.entries(made)) {
    expect(a.__typename).toBe('Activity');
    existing[key] = { id: a.id!, version: a.version! };
  }
});

afterAll(async () => {
  await runner?.stop();
  await app?.close();
});

describe('legacy activities: stage, dry run, decide, commit, undo', () => {
  let id: string;
  let before: Record<string, unknown>[];

  it('stages the file with suggested columns and changes nothing live', async () => {
    before = await activityState();
    const staged = await upload(admin, 'ACTIVITIES', 'old-activities.csv', legacyFile());
    expect(staged.status).toBe(201);
    id = staged.id;
    const imp = await read(id);
    expect(imp).toMatchObject({ status: 'STAGED', stagedRows: 11, headers: HEADER.split(',') });
    const column = Object.fromEntries(imp.fields.map((f: any) => [f.name, f.column]));
    expect(column).toMatchObject({ date: 0, owner: 1, type: 2, account: 3, project: 4, effortDays: 5, effortHours: 6, callType: 7, minutesOfMeeting: 8, name: 9, topic: null });
    expect(await activityState()).toEqual(before);
  });

  it('refuses wrong steps and wrong variables with typed answers', async () => {
    const { version } = await read(id);
    const early = (await admin.client.data(COMMIT, { id, v: version })).commitLegacyImport;
    expect(early).toMatchObject({ __typename: 'LegacyImportWrongStep', message: 'Cannot commit: the import is not yet dry-run.' });
    const stale = (await admin.client.data(CHECK, { id, v: version - 1 })).checkLegacyImport;
    expect(stale.__typename).toBe('LegacyImportVersionConflict');
    const badField = (await admin.client.data(MAP, { input: { importId: id, expectedVersion: version, columns: [{ field: 'colour', column: 1 }, { field: 'name', column: 99 }] } })).mapLegacyImport;
    expect(badField.fields.map((e: any) => e.code)).toEqual(['UNKNOWN_FIELD', 'NO_SUCH_COLUMN']);
    const twice = (await admin.client.data(MAP, { input: { importId: id, expectedVersion: version, columns: [{ field: 'topic', column: 9 }] } })).mapLegacyImport;
    expect(twice.fields).toEqual([{ field: 'columns', code: 'COLUMN_TWICE', message: 'Column "Activity Name" is mapped to two fields.' }]);
    const unknown = (await admin.client.data(CHECK, { id: randomUUID(), v: 1 })).checkLegacyImport;
    expect(unknown.__typename).toBe('NotFound');
    const asManager = await manager.client.query(CHECK, { id, v: version });
    expect(asManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(id)).version).toBe(version);
  });

  it('dry run classifies every row exactly, with typed reasons', async () => {
    const imp = await runStep(id, CHECK, 'legacy-import:check');
    expect(imp.status).toBe('CHECKED');
    expect(imp.counts).toEqual({ new: 2, conflict: 2, unchanged: 1, rejected: 6, willChange: 0 });
    const rows = Object.fromEntries(imp.rows.nodes.map((r: any) => [r.rowNumber, r]));
    const codes = (n: number) => rows[n].reasons.map((r: any) => `${r.field}:${r.code}`);
    expect(Object.fromEntries(Object.entries(rows).map(([n, r]: [string, any]) => [n, r.status]))).toEqual({
      2: 'NEW', 3: 'UNCHANGED', 4: 'CONFLICT', 5: 'CONFLICT', 6: 'REJECTED', 7: 'REJECTED', 8: 'REJECTED', 9: 'REJECTED', 10: 'REJECTED', 12: 'NEW', 13: 'REJECTED',
    });
    expect(codes(6)).toEqual(['date:BAD_DATE']);
    expect(codes(7)).toEqual(['owner:UNKNOWN_USER']);
    expect(rows[8].reasons).toEqual([{ field: 'row', code: 'DUPLICATE_IN_FILE', message: 'Row 2 of the file has the same date, owner email, type, account.' }]);
    expect(codes(9)).toEqual(['account:UNKNOWN_ACCOUNT']);
    expect(codes(10)).toEqual(['callType:REQUIRED']);
    expect(codes(13)).toEqual(['effort:BOTH_GIVEN']);
    expect(rows[3].targetId).toBe(existing.call.id);
    expect(rows[4].differences).toEqual([{ field: 'effortDays', label: 'Effort (days)', before: '1', after: '2', choice: 'PAMS' }]);
    expect(rows[5].differences).toEqual([
      { field: 'effortHalfHours', label: 'Effort (hours)', before: '2 h', after: '3 h', choice: 'PAMS' },
      { field: 'name', label: 'Activity name', before: 'Product training', after: 'Product training v2', choice: 'PAMS' },
    ].map((d) => (d.field === 'name' ? { ...d, label: 'Name' } : d)));
    expect(rows[2].key).toBe(`2026-03-05 · ${ana.email.toUpperCase()} · Customer call · Solo Retail Ltd`);
    expect(await activityState()).toEqual(before);
  });

  it('decides conflicts in bulk per column and per field, and exports the diff report', async () => {
    let { version } = await read(id);
    const bulk = (await admin.client.data(CHOOSE, { input: { importId: id, expectedVersion: version, field: 'effortDays', take: 'FILE' } })).chooseLegacyValues;
    expect(bulk).toMatchObject({ __typename: 'LegacyImport', counts: { willChange: 1 } });
    version = bulk.version;
    const merge = (await admin.client.data(CHOOSE, { input: { importId: id, expectedVersion: version, rowNumber: 5, field: 'name', take: 'FILE' } })).chooseLegacyValues;
    expect(merge.counts.willChange).toBe(2);
    const none = (await admin.client.data(CHOOSE, { input: { importId: id, expectedVersion: merge.version, rowNumber: 3, take: 'FILE' } })).chooseLegacyValues;
    expect(none.fields).toEqual([{ field: 'rowNumber', code: 'NO_CONFLICT', message: 'No conflict has row 3.' }]);
    const row5 = (await read(id, 'CONFLICT')).rows.nodes.find((r: any) => r.rowNumber === 5);
    expect(row5.differences.map((d: any) => `${d.field}:${d.choice}`)).toEqual(['effortHalfHours:PAMS', 'name:FILE']);

    const response = await fetch(`${app.url}/legacy-imports/${id}/report.csv`, { headers: { cookie: cookie(admin) } });
    expect(response.status).toBe(200);
    const lines = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(lines[0]).toEqual(['row', 'status', 'key', 'field', 'in PAMS', 'in the file', 'keeps', 'reason']);
    expect(lines).toContainEqual(['4', 'CONFLICT', expect.stringContaining('Pricing · Multi Bank plc'), 'Effort (days)', '1', '2', 'FILE', '']);
    expect(lines).toContainEqual(['7', 'REJECTED', expect.any(String), 'owner', '', '', '', expect.stringMatching(/^UNKNOWN_USER: No user has the email ghost@old.example/)]);
    expect(lines.filter((l) => l[1] === 'NEW').map((l) => l[0])).toEqual(['2', '12']);
    const forbidden = await fetch(`${app.url}/legacy-imports/${id}/report.csv`, { headers: { cookie: cookie(manager) } });
    expect(forbidden.status).toBe(403);
  });

  it('commits in one transaction, audited per row, with post-checks', async () => {
    const imp = await runStep(id, COMMIT, 'legacy-import:commit');
    expect(imp).toMatchObject({ status: 'COMMITTED', createdRecords: 2, updatedRecords: 2, committedByName: 'Ada Admin', error: null });
    expect(imp.postChecks.every((c: any) => c.ok)).toBe(true);
    expect(imp.postChecks).toContainEqual({ name: 'rows: activity', before: '3', after: '5', expected: '5', ok: true });
    expect(imp.postChecks).toContainEqual({ name: 'effort: 2026-03', before: '1 d, 3 h', after: '2 d, 4.5 h', expected: '2 d, 4.5 h', ok: true });
    expect(imp.postChecks).toContainEqual({ name: 'effort: 2026-04', before: '0 d, 0 h', after: '0 d, 2 h', expected: '0 d, 2 h', ok: true });
    const [pricing] = await sql<{ effort_days: number }>('select effort_days from activity where id = ?', [existing.pricing.id]);
    expect(pricing.effort_days).toBe(2);
    const [training] = await sql<{ name: string; effort_half_hours: number }>('select name, effort_half_hours from activity where id = ?', [existing.training.id]);
    expect(training).toEqual({ name: 'Product training v2', effort_half_hours: 4 });
    const created = await sql<{ project_id: string; region_id: string; owner_id: string }>(
      `select project_id, region_id, owner_id from activity where id in (select target_id from legacy_import_row where legacy_import_id = ? and applied = 'CREATED') order by date`,
      [id],
    );
    expect(created).toEqual([
      { project_id: f.solo.projectId, region_id: f.regions.south, owner_id: ana.id },
      { project_id: null, region_id: f.regions.south, owner_id: ben.id },
    ]);
    const audit = await sql<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_event where actor_id = ? and (action like 'Activity.%' or action like 'LegacyImport.committed') group by action order by action`,
      [admin.id],
    );
    expect(audit).toEqual([
      { action: 'Activity.created', n: 2 },
      { action: 'Activity.updated', n: 2 },
      { action: 'LegacyImport.committed', n: 1 },
    ]);
  });

  it('undo plays the journal back: the activities are exactly as before the commit', async () => {
    const imp = await runStep(id, UNDO, 'legacy-import:undo');
    expect(imp.status).toBe('UNDONE');
    expect(imp.postChecks.every((c: any) => c.ok)).toBe(true);
    expect(await activityState()).toEqual(before);
    const again = (await admin.client.data(UNDO, { id, v: imp.version })).undoLegacyImport;
    expect(again).toMatchObject({ __typename: 'LegacyImportWrongStep', message: 'Cannot undo: the import is undone.' });
  });
});

describe('a legacy import meets edits made by people meanwhile', () => {
  it('a record changed after the dry run stops the commit; an edit after the commit stops the undo, naming the row', async () => {
    const staged = await upload(admin, 'ACTIVITIES', 'again.csv', legacyFile());
    const id = staged.id;
    await runStep(id, CHECK, 'legacy-import:check');
    let { version } = await read(id);
    await admin.client.data(CHOOSE, { input: { importId: id, expectedVersion: version, take: 'FILE' } });
    // Ana edits the pricing activity after the dry run read it.
    const [{ version: pricingVersion }] = await sql<{ version: number }>('select version from activity where id = ?', [existing.pricing.id]);
    const edited = await updateActivity(ana.client, existing.pricing.id, pricingVersion, { type: 'PRICING', date: '2026-03-03', accountId: f.multi.accountId, projectId: f.multi.projectIds[0], effortDays: 3 });
    expect(edited.__typename).toBe('Activity');
    const refused = await runStep(id, COMMIT, 'legacy-import:commit');
    expect(refused).toMatchObject({ status: 'STAGED', error: 'Row 4: the record it matches was changed or removed since the dry run. Run the dry run again.' });
    const [pricing] = await sql<{ effort_days: number }>('select effort_days from activity where id = ?', [existing.pricing.id]);
    expect(pricing.effort_days).toBe(3);
    expect(await sql(`select 1 from activity where name = 'Launch webinar'`)).toEqual([]);

    await runStep(id, CHECK, 'legacy-import:check');
    ({ version } = await read(id));
    await admin.client.data(CHOOSE, { input: { importId: id, expectedVersion: version, take: 'FILE' } });
    const committed = await runStep(id, COMMIT, 'legacy-import:commit');
    expect(committed.status).toBe('COMMITTED');

    const [{ version: trainingVersion }] = await sql<{ version: number }>('select version from activity where id = ?', [existing.training.id]);
    const later = await updateActivity(ben.client, existing.training.id, trainingVersion, { type: 'TRAINING', date: '2026-03-04', name: 'Edited after import', effortHours: 3 });
    expect(later.__typename).toBe('Activity');
    const undo = await runStep(id, UNDO, 'legacy-import:undo');
    expect(undo).toMatchObject({ __typename: 'LegacyUndoRefused', total: 1, rows: [{ rowNumber: 5, entityId: existing.training.id, reason: 'The record was edited since the commit.' }] });
    expect((await read(id)).status).toBe('COMMITTED');
    const [training] = await sql<{ name: string }>('select name from activity where id = ?', [existing.training.id]);
    expect(training.name).toBe('Edited after import');
  });
});

describe('other kinds and unusable files', () => {
  it('accounts: a new one, a conflicting industry, an unknown industry', async () => {
    const csv = ['Account Name;Industry;Sales Rep', 'New Foods Ltd;Retail;rep.one@test.pams', 'Multi Bank plc;Retail;Rep One', 'Odd Co;Space mining;', 'Bare Corp;retail;'].join('\n');
    const { id, status } = await upload(admin, 'ACCOUNTS', 'accounts.csv', csv);
    expect(status).toBe(201);
    const imp = await runStep(id, CHECK, 'legacy-import:check');
    const rows = Object.fromEntries(imp.rows.nodes.map((r: any) => [r.rowNumber, r]));
    expect(rows[2].status).toBe('NEW');
    expect(rows[3]).toMatchObject({ status: 'CONFLICT', differences: [{ field: 'industry', before: 'Banking', after: 'Retail', choice: 'PAMS' }] });
    expect(rows[4].reasons.map((r: any) => r.code)).toEqual(['UNKNOWN_INDUSTRY']);
    expect(rows[5].status).toBe('UNCHANGED');
    const committed = await runStep(id, COMMIT, 'legacy-import:commit');
    expect(committed).toMatchObject({ status: 'COMMITTED', createdRecords: 1, updatedRecords: 0 });
    expect(await sql(`select a.name, i.name as industry from account a join industry i on i.id = a.industry_id where a.name in ('New Foods Ltd', 'Multi Bank plc') order by a.name`)).toEqual([
      { name: 'Multi Bank plc', industry: 'Banking' },
      { name: 'New Foods Ltd', industry: 'Retail' },
    ]);
  });

  it('users from an .xlsx: created with no usable password, made to set one', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Users');
    sheet.addRow(['E-mail', 'Full name', 'Role', 'Region']);
    sheet.addRow(['New.Person@old.example', 'New Person', 'member', 'India South']);
    sheet.addRow(['not-an-email', 'Broken', 'MEMBER', '']);
    sheet.addRow([ana.email, 'Ana Renamed', 'MEMBER', '']);
    const { id, status } = await upload(admin, 'USERS', 'users.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(status).toBe(201);
    const imp = await runStep(id, CHECK, 'legacy-import:check');
    expect(imp.rows.nodes.map((r: any) => `${r.rowNumber}:${r.status}`)).toEqual(['2:NEW', '3:REJECTED', '4:CONFLICT']);
    const committed = await runStep(id, COMMIT, 'legacy-import:commit');
    expect(committed).toMatchObject({ status: 'COMMITTED', createdRecords: 1, updatedRecords: 0 });
    const [user] = await sql<{ email: string; role: string; must_change_password: boolean; regions: number }>(
      `select email, role, must_change_password, (select count(*)::int from app_user_region r where r.user_id = u.id) as regions from app_user u where email = 'new.person@old.example'`,
    );
    expect(user).toEqual({ email: 'new.person@old.example', role: 'MEMBER', must_change_password: true, regions: 1 });
  });

  it('refuses unusable files and callers with clear messages, keeping no rows', async () => {
    const xls = await upload(admin, 'ACTIVITIES', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    expect(xls.status).toBe(422);
    expect(xls.json.error).toEqual({ code: 'BAD_FILE', message: 'This is an old Excel .xls file: save it as .xlsx or CSV and upload again.' });
    expect((await read(xls.id)).status).toBe('FAILED');
    const headerOnly = await upload(admin, 'ACTIVITIES', 'empty.csv', HEADER + '\n');
    expect(headerOnly.json.error.message).toBe('The file names its columns but has no rows.');
    expect(await sql('select 1 from legacy_import_row where legacy_import_id = ?', [headerOnly.id])).toEqual([]);
    const badKind = await upload(admin, 'OUTCOMES_AND_MORE', 'x.csv', 'a,b\n1,2');
    expect(badKind).toMatchObject({ status: 400, json: { error: { code: 'BAD_USER_INPUT', message: '"kind" must be one of USERS, ACCOUNTS, PROJECTS, ACTIVITIES.' } } });
    const asManager = await upload(manager, 'ACTIVITIES', 'x.csv', 'a,b\n1,2');
    expect(asManager.status).toBe(403);
    const noHeader = await fetch(`${app.url}/legacy-imports?${new URLSearchParams({ id: randomUUID(), kind: 'USERS', fileName: 'u.csv' })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: cookie(admin) },
      body: 'a,b\n1,2',
    });
    expect(noHeader.status).toBe(400);
  });

  it('a step whose worker died is reported at the next look, and can be started again', async () => {
    const { id } = await upload(admin, 'ACCOUNTS', 'accounts.csv', 'Account Name\nLost Step Ltd');
    await runStep(id, CHECK, 'legacy-import:check');
    // As if the commit's worker had stopped mid-run: running, and its job gone from the queue.
    await sql(`update legacy_import set status = 'COMMITTING', job_id = '999999999' where id = ?`, [id]);
    const seen = await read(id);
    expect(seen).toMatchObject({ status: 'CHECKED', error: 'The commit stopped before it finished (its worker stopped); its transaction was rolled back, so nothing changed: start it again.' });
    expect((await runStep(id, COMMIT, 'legacy-import:commit')).status).toBe('COMMITTED');
  });

  it('stops a file over LEGACY_IMPORT_MAX_MB, declared or streamed, and keeps none of it', async () => {
    const big = Buffer.from(`${HEADER}\n${'2026-03-05,x@y.z,Pricing,Acme,,1,\n'.repeat(40_000)}`);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const declared = await upload(admin, 'ACTIVITIES', 'big.csv', big);
    expect(declared).toMatchObject({ status: 413, json: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    const id = randomUUID();
    const streamed = await fetch(`${app.url}/legacy-imports?${new URLSearchParams({ id, kind: 'ACTIVITIES', fileName: 'big.csv' })}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-pams-upload': '1', cookie: cookie(admin) },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(422);
    // The rest of the body is not read: the connection closes after the answer.
    await streamed.body?.cancel();
    expect(await read(id)).toMatchObject({ status: 'FAILED', error: 'The file is larger than 1 MB: split it and import each part.', stagedRows: 0 });
    expect(await sql('select 1 from legacy_import_row where legacy_import_id = ?', [id])).toEqual([]);
  });
});
