import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { User } from '@pams/server-identity';
import { SEND_MAIL_TASK } from '@pams/server-mail';
import { SalesRep } from '@pams/server-reference';
import { OutcomeResult, ProjectStatus, Role } from '@pams/shared-util';
import { asSystem } from './support/identity-fixtures.js';
import { auditOf, createReferenceFixture, ERROR_FIELDS, signInAs, type ReferenceFixture, type SignedIn } from './support/accounts-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['Opportunity ID', 'account name', 'Opportunity  Name', 'Stage', 'Close Date', 'Win/Loss Reason', 'MRR', 'Currency', 'Sales Rep', 'Opportunity URL'];
const THIS_MONTH = new Date().toISOString().slice(0, 7);
const DAY = new Date(`${THIS_MONTH}-02T00:00:00Z`);

const IMPORT_FIELDS = `id version status fileName rowCount editable appliedCount appliedByName
  counts { matched ambiguous unmatched duplicate invalid skipped ready pending }`;
const IMPORT = `query ($id: ID!, $first: Int, $after: String, $status: OutcomeImportRowStatus) {
  outcomeImport(id: $id) {
    ${IMPORT_FIELDS}
    rows(first: $first, after: $after, status: $status) {
      nodes { id rowNumber crmId accountName projectName result closeDate mrrAmount currency status skipped matchedBy message errors outcomeId
        project { projectId projectName accountName } candidates { projectId projectName } }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;
const REVIEW = `mutation ($input: ReviewOutcomeImportRowInput!) {
  reviewOutcomeImportRow(input: $input) {
    __typename
    ... on OutcomeImport { ${IMPORT_FIELDS} }
    ... on OutcomeImportVersionConflict { current { id version } }
    ... on OutcomeImportAlreadyApplied { current { id status } }
    ${ERROR_FIELDS}
  }
}`;
const APPLY = `mutation ($id: ID!, $version: Int!) {
  applyOutcomeImport(id: $id, expectedVersion: $version) {
    __typename
    ... on OutcomeImport { ${IMPORT_FIELDS} }
    ... on OutcomeImportVersionConflict { current { id version } }
    ... on OutcomeImportAlreadyApplied { current { id status } }
    ... on ValidationFailed { fields { field code message } }
    ... on UserError { message }
  }
}`;
const THIS_MONTH_QUERY = `{ outcomesThisMonth { month won lost wonMrr } }`;

async function workbook(rows: unknown[][], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Closed deals');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('outcome import from the CRM export (P-024)', () => {
  let app: TestApp;
  let ref: ReferenceFixture;
  let manager: SignedIn;
  let seaManager: SignedIn;
  let otherSouthManager: SignedIn;
  let admin: SignedIn;
  let leader: SignedIn;
  let member: SignedIn;
  let ownerA: SignedIn;
  let ownerB: SignedIn;
  const projects: Record<string, string> = {};

  async function upload(who: SignedIn | null, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const all: Record<string, string> = { 'content-type': XLSX, ...headers };
    if (who) all.cookie = [...who.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${app.url}/outcomes/imports?fileName=closed-deals.xlsx`, { method: 'POST', headers: all, body });
    return { status: response.status, json: await response.json() };
  }

  async function importCount(): Promise<number> {
    const [row] = await app.orm.em.fork().getConnection().execute('select (select count(*) from outcome_import)::int + (select count(*) from outcome_import_row)::int as n');
    return row.n;
  }

  async function readImport(who: SignedIn, id: string, args: Record<string, unknown> = {}) {
    return (await who.client.data(IMPORT, { id, first: 50, ...args })).outcomeImport;
  }

  beforeAll(async () => {
    app = await startTestApp();
    ref = await createReferenceFixture(app.orm);
    manager = await signInAs(app, Role.MANAGER, [ref.regions.south], 'Maya Manager');
    otherSouthManager = await signInAs(app, Role.MANAGER, [ref.regions.south], 'Omar Manager');
    seaManager = await signInAs(app, Role.MANAGER, [ref.regions.sea], 'Sam Sea');
    admin = await signInAs(app, Role.ADMIN);
    leader = await signInAs(app, Role.LEADER);
    member = await signInAs(app, Role.MEMBER, [ref.regions.south]);
    ownerA = await signInAs(app, Role.MEMBER, [ref.regions.south], 'Asha Owner');
    ownerB = await signInAs(app, Role.MEMBER, [ref.regions.south], 'Bala Owner');
    await asSystem(async () => {
      const em = app.orm.em.fork();
      const south = em.getReference(SalesRep, ref.salesReps.south);
      const sea = em.getReference(SalesRep, ref.salesReps.sea);
      const acme = em.create(Account, { name: 'Acme Retail', salesRep: south });
      const beta = em.create(Account, { name: 'Beta Bank', salesRep: south });
      const seaCorp = em.create(Account, { name: 'Sea Corp', salesRep: sea });
      const done = em.create(Account, { name: 'Done Ltd', salesRep: south });
      const chat = em.create(Project, { account: acme, name: 'Chat Bot', crmLink: 'https://crm.example.com/chat' });
      chat.owners.set([em.getReference(User, ownerA.id), em.getReference(User, ownerB.id)]);
      const voice = em.create(Project, { account: acme, name: 'Voice Bot', crmLink: 'https://crm.example.com/voice' });
      voice.owners.set([em.getReference(User, ownerA.id)]);
      const cards = em.create(Project, { account: beta, name: 'Cards', crmLink: 'https://crm.example.com/cards' });
      const loans = em.create(Project, { account: beta, name: 'Loans' });
      const seaDeal = em.create(Project, { account: seaCorp, name: 'Sea Deal' });
      const old = em.create(Project, { account: done, name: 'Old Deal', status: ProjectStatus.WON });
      em.create(Outcome, { project: old, result: OutcomeResult.WON, month: '2026-11-01', crmLink: 'https://crm.example.com/old', reason: 'Earlier' });
      await em.flush();
      Object.assign(projects, { chat: chat.id, voice: voice.id, cards: cards.id, loans: loans.id, seaDeal: seaDeal.id, old: old.id });
    });
  });
  afterAll(() => app?.close());

  describe('access and bad files', () => {
    it('refuses anonymous callers, members, analysts, leaders and access tokens; stores nothing', async () => {
      const file = await workbook([['OPP-1', 'Acme Retail', 'Chat Bot', 'Won', DAY, 'Good demo', 100, 'USD', 'Ravi', null]]);
      expect((await upload(null, file)).status).toBe(401);
      const refused = await upload(member, file);
      expect(refused).toEqual({ status: 403, json: { error: { code: 'FORBIDDEN', message: 'Only managers and admins can import outcomes.' } } });
      const analyst = await signInAs(app, Role.ANALYST);
      expect((await upload(analyst, file)).status).toBe(403);
      expect((await upload(leader, file)).status).toBe(403);
      const created = await admin.client.data(`mutation { createAccessToken(name: "script", expiresInDays: 7) { ... on AccessTokenCreated { token } } }`);
      const byToken = await fetch(`${app.url}/outcomes/imports`, {
        method: 'POST',
        headers: { 'content-type': XLSX, authorization: `Bearer ${created.createAccessToken.token}` },
        body: file,
      });
      expect(byToken.status).toBe(403);
      expect(((await byToken.json()) as any).error.code).toBe('READ_ONLY_TOKEN');
      expect(await importCount()).toBe(0);
    });

    it('answers a clear 400 for a file that is not an xlsx or lacks columns, 413 over 5 MB, 415 for a form post; stores nothing', async () => {
      const csv = await upload(manager, Buffer.from('Opportunity ID,Account Name\nOPP-1,Acme\n'));
      expect(csv).toEqual({ status: 400, json: { error: { code: 'BAD_FILE', message: 'This is not an Excel .xlsx file: export the report from the CRM as Excel (.xlsx).' } } });
      const missing = await upload(manager, await workbook([['OPP-1', 'Acme Retail', 'Chat Bot', 'Won', DAY]], HEADERS.slice(0, 5)));
      expect(missing.status).toBe(400);
      expect(missing.json.error.code).toBe('BAD_FILE');
      expect(missing.json.error.message).toMatch(/^The first row must name the columns; missing: "Win\/Loss Reason"\./);
      const empty = await upload(manager, await workbook([]));
      expect(empty.json.error.message).toBe('The file names the columns but has no rows.');
      const huge = await upload(manager, Buffer.alloc(5 * 1024 * 1024 + 1, 1));
      expect(huge.status).toBe(413);
      expect(huge.json.error.code).toBe('PAYLOAD_TOO_LARGE');
      const form = await upload(manager, Buffer.from('a=b'), { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      expect(await importCount()).toBe(0);
    });
  });

  describe('upload, review, apply', () => {
    let importId: string;

    it('stages each row with its match status', async () => {
      const file = await workbook([
        ['OPP-1', 'acme   RETAIL', 'chat bot', 'Closed Won', DAY, 'Strong demo', 1200.5, 'usd', 'Ravi South', 'https://crm.example.com/opp-1'],
        ['OPP-2', 'Acme Retail', 'Voice Bot', 'Closed Lost', `${THIS_MONTH}-03`, 'Price', '2,000', 'INR', 'Ravi South', null],
        ['OPP-3', 'Beta Bank', 'Mortgages', 'Won', DAY, 'Fit', 500, 'USD', null, null],
        ['OPP-4', 'Nobody Inc', 'Nothing', 'Won', DAY, 'Fit', null, null, null, null],
        ['OPP-5', 'Done Ltd', 'Old Deal', 'Won', new Date('2026-11-20T00:00:00Z'), 'Earlier', null, null, null, null],
        ['OPP-6', 'Acme Retail', 'Chat Bot', 'Maybe', '14/11/2026', 'x', 'abc', null, null, null],
        ['OPP-7', 'Sea Corp', 'Sea Deal', 'Won', DAY, 'Fit', null, null, null, null],
        ['OPP-1', 'Acme Retail', 'Chat Bot', 'Won', DAY, 'Again', null, null, null, null],
      ]);
      const { status, json } = await upload(manager, file);
      expect(status).toBe(201);
      importId = json.import.id;
      expect(json.import.rowCount).toBe(8);
      const imp = await readImport(manager, importId);
      expect(imp.counts).toEqual({ matched: 2, ambiguous: 1, unmatched: 2, duplicate: 1, invalid: 2, skipped: 3, ready: 2, pending: 3 });
      const byRow = Object.fromEntries(imp.rows.nodes.map((r: any) => [r.rowNumber, r]));
      expect(byRow[2]).toMatchObject({ status: 'MATCHED', matchedBy: 'NAME', skipped: false, mrrAmount: 1200.5, currency: 'USD', closeDate: `${THIS_MONTH}-02`, project: { projectId: projects.chat } });
      expect(byRow[3]).toMatchObject({ status: 'MATCHED', result: 'LOST', mrrAmount: 2000, project: { projectId: projects.voice } });
      expect(byRow[4].status).toBe('AMBIGUOUS');
      expect(byRow[4].candidates.map((c: any) => c.projectName).sort()).toEqual(['Cards', 'Loans']);
      expect(byRow[5]).toMatchObject({ status: 'UNMATCHED', project: null });
      expect(byRow[6]).toMatchObject({ status: 'DUPLICATE', skipped: true, message: 'Already recorded: WON in 2026-11.' });
      expect(byRow[7].status).toBe('INVALID');
      expect(byRow[7].errors).toEqual([
        'Stage "Maybe" is neither Won nor Lost (Closed Won / Closed Lost).',
        'Close Date is not a date: use an Excel date or YYYY-MM-DD.',
        'MRR is not an amount of zero or more.',
      ]);
      // Another region's project is never matched (nor disclosed) for a manager.
      expect(byRow[8]).toMatchObject({ status: 'UNMATCHED', candidates: [] });
      expect(byRow[9]).toMatchObject({ status: 'INVALID', errors: ['Opportunity OPP-1 is in row 2 already.'] });
    });

    it('pages rows by keyset and filters by status', async () => {
      const first = await readImport(manager, importId, { first: 3 });
      expect(first.rows.nodes.map((r: any) => r.rowNumber)).toEqual([2, 3, 4]);
      expect(first.rows.pageInfo.hasNextPage).toBe(true);
      const next = await readImport(manager, importId, { first: 3, after: first.rows.pageInfo.endCursor });
      expect(next.rows.nodes.map((r: any) => r.rowNumber)).toEqual([5, 6, 7]);
      const invalid = await readImport(manager, importId, { status: 'INVALID' });
      expect(invalid.rows.nodes.map((r: any) => r.rowNumber)).toEqual([7, 9]);
    });

    it('shows the import to managers sharing a region, leaders (read only) and admins; not to other managers or members', async () => {
      expect((await readImport(otherSouthManager, importId)).editable).toBe(true);
      expect((await readImport(leader, importId)).editable).toBe(false);
      expect((await readImport(admin, importId)).editable).toBe(true);
      expect(await readImport(seaManager, importId)).toBeNull();
      const lists = async (who: SignedIn) => (await who.client.data(`{ outcomeImports { id fileName } }`)).outcomeImports.map((i: any) => i.id);
      expect(await lists(otherSouthManager)).toEqual([importId]);
      expect(await lists(leader)).toEqual([importId]);
      expect(await lists(seaManager)).toEqual([]);
      const refused = await member.client.query(IMPORT, { id: importId });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const leaderEdit = (await leader.client.data(APPLY, { id: importId, version: 1 })).applyOutcomeImport;
      expect(leaderEdit.__typename).toBe('Forbidden');
    });

    it('reviews rows at the import version; a stale version is a conflict and changes nothing', async () => {
      const imp = await readImport(manager, importId);
      const rows = Object.fromEntries(imp.rows.nodes.map((r: any) => [r.rowNumber, r]));
      const chosen = (await manager.client.data(REVIEW, { input: { importId, expectedVersion: imp.version, rowId: rows[4].id, projectId: projects.cards } })).reviewOutcomeImportRow;
      expect(chosen).toMatchObject({ __typename: 'OutcomeImport', version: imp.version + 1, counts: { matched: 3, ambiguous: 0, ready: 3, pending: 2 } });
      // A second reviewer still on the old version is refused.
      const stale = (await otherSouthManager.client.data(REVIEW, { input: { importId, expectedVersion: imp.version, rowId: rows[5].id, skip: true } })).reviewOutcomeImportRow;
      expect(stale).toEqual({ __typename: 'OutcomeImportVersionConflict', message: expect.stringMatching(/^Someone changed this import/), current: { id: importId, version: imp.version + 1 } });
      expect((await readImport(manager, importId)).counts.skipped).toBe(3);
      // A project outside the reviewer's regions cannot be chosen; an INVALID row cannot be taken in.
      const outside = (await manager.client.data(REVIEW, { input: { importId, expectedVersion: imp.version + 1, rowId: rows[8].id, projectId: projects.seaDeal } })).reviewOutcomeImportRow;
      expect(outside).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'projectId', code: 'NOT_FOUND' }] });
      const invalid = (await manager.client.data(REVIEW, { input: { importId, expectedVersion: imp.version + 1, rowId: rows[7].id, skip: false } })).reviewOutcomeImportRow;
      expect(invalid).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'skip', code: 'CANNOT_APPLY' }] });
      // Picking a project another row already records makes the row a duplicate.
      const twice = (await manager.client.data(REVIEW, { input: { importId, expectedVersion: imp.version + 1, rowId: rows[5].id, projectId: projects.chat } })).reviewOutcomeImportRow;
      expect(twice.counts).toMatchObject({ duplicate: 2, unmatched: 1, pending: 1 });
    });

    it('waits for every row to be matched or skipped, then applies once: outcomes, audit, one mail per owner', async () => {
      let imp = await readImport(manager, importId);
      const pending = (await manager.client.data(APPLY, { id: importId, version: imp.version })).applyOutcomeImport;
      expect(pending).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'rows', code: 'PENDING', message: 'Choose a project or skip row(s) 8 first.' }] });
      const row8 = imp.rows.nodes.find((r: any) => r.rowNumber === 8);
      await manager.client.data(REVIEW, { input: { importId, expectedVersion: imp.version, rowId: row8.id, skip: true } });
      const stale = (await manager.client.data(APPLY, { id: importId, version: imp.version })).applyOutcomeImport;
      expect(stale.__typename).toBe('OutcomeImportVersionConflict');
      imp = await readImport(manager, importId);
      expect(imp.counts).toMatchObject({ ready: 3, pending: 0 });

      const before = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from graphile_worker.jobs where task_identifier = ?`, [SEND_MAIL_TASK]);
      const applied = (await otherSouthManager.client.data(APPLY, { id: importId, version: imp.version })).applyOutcomeImport;
      expect(applied).toMatchObject({ __typename: 'OutcomeImport', status: 'APPLIED', appliedCount: 3, appliedByName: 'Omar Manager', editable: false });

      const em = app.orm.em.fork();
      const outcomes = await em.find(Outcome, { project: [projects.chat, projects.voice, projects.cards] }, { populate: ['project'], orderBy: { crmLink: 'asc' } });
      expect(outcomes.map((o) => [o.project.id, o.result, String(o.month).slice(0, 7), o.crmLink, o.reason])).toEqual([
        [projects.cards, 'WON', THIS_MONTH, 'https://crm.example.com/cards', 'Fit'],
        [projects.chat, 'WON', THIS_MONTH, 'https://crm.example.com/opp-1', 'Strong demo'],
        [projects.voice, 'LOST', THIS_MONTH, 'https://crm.example.com/voice', 'Price'],
      ]);
      expect((await em.findOneOrFail(Project, projects.voice)).status).toBe(ProjectStatus.LOST);
      const chat = outcomes.find((o) => o.project.id === projects.chat)!;
      expect(chat.mrrAmount).toBe('1200.50');
      const audit = await auditOf(app.orm, 'Outcome', chat.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: expect.stringMatching(/created/), actorId: otherSouthManager.id });
      const rowAudit = await em.getConnection().execute(`select count(*)::int as n from audit_event where entity_type = 'OutcomeImport' and entity_id = ?`, [importId]);
      expect(rowAudit[0].n).toBeGreaterThanOrEqual(2);

      const mails = await em.getConnection().execute<{ to: string; subject: string; text: string }[]>(`select "to", subject, text from outbox_mail order by "to"`);
      const ownerEmails = await em.find(User, { id: [ownerA.id, ownerB.id] }, { orderBy: { name: 'asc' } });
      expect(mails.map((m) => m.to)).toEqual(ownerEmails.map((u) => u.email).sort());
      const toA = mails.find((m) => m.to === ownerEmails[0].email)!;
      expect(toA.subject).toBe('PAMS: 1 win and 1 loss recorded on your projects');
      expect(toA.text).toContain(`- Acme Retail / Chat Bot: won in ${THIS_MONTH}, MRR 1200.50 USD`);
      expect(toA.text).toContain(`- Acme Retail / Voice Bot: lost in ${THIS_MONTH}, MRR 2000.00 INR`);
      const after = await em.getConnection().execute(`select count(*)::int as n from graphile_worker.jobs where task_identifier = ?`, [SEND_MAIL_TASK]);
      expect(after[0].n - before[0].n).toBe(2);

      const again = (await manager.client.data(APPLY, { id: importId, version: applied.version })).applyOutcomeImport;
      expect(again).toMatchObject({ __typename: 'OutcomeImportAlreadyApplied', current: { id: importId, status: 'APPLIED' } });
      const edit = (await manager.client.data(REVIEW, { input: { importId, expectedVersion: applied.version, rowId: row8.id, skip: false } })).reviewOutcomeImportRow;
      expect(edit.__typename).toBe('OutcomeImportAlreadyApplied');
      expect((await readImport(manager, importId)).rows.nodes.filter((r: any) => r.outcomeId).length).toBe(3);
    });

    it('rolls the whole apply back when the win/loss form refuses a row', async () => {
      const file = await workbook([
        ['OPP-20', 'Beta Bank', 'Loans', 'Won', DAY, 'Fit', null, null, null, null],
      ]);
      const { json } = await upload(manager, file);
      const imp = await readImport(manager, json.import.id);
      expect(imp.counts.ready).toBe(1);
      const refused = (await manager.client.data(APPLY, { id: imp.id, version: imp.version })).applyOutcomeImport;
      expect(refused.__typename).toBe('ValidationFailed');
      expect(refused.fields[0]).toMatchObject({ field: 'rows.2', code: 'REFUSED' });
      expect(refused.fields[0].message).toMatch(/^Row 2 \(Beta Bank \/ Loans\): crmLink: /);
      expect(await app.orm.em.fork().count(Outcome, { project: projects.loans })).toBe(0);
      expect((await readImport(manager, imp.id)).status).toBe('REVIEW');
    });
  });

  it('gives this month\'s wins, losses and MRR won in the viewer\'s scope', async () => {
    const south = (await manager.client.data(THIS_MONTH_QUERY)).outcomesThisMonth;
    expect(south).toMatchObject({ month: THIS_MONTH, won: 2, lost: 1 });
    expect(south.wonMrr).toBeGreaterThan(0);
    const sea = (await seaManager.client.data(THIS_MONTH_QUERY)).outcomesThisMonth;
    expect(sea).toMatchObject({ won: 0, lost: 0, wonMrr: 0 });
  });
});
