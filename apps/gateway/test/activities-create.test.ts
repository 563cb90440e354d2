import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';
import {
  CREATE_ACTIVITY,
  createActivity,
  createDomainFixture,
  fieldCodes,
  internalInput,
  signedInUser,
  type ActivityResult,
  type DomainFixture,
  type SignedInUser,
} from './support/domain-fixtures.js';

describe('createActivity: defaults, rules, idempotency, access', () => {
  let app: TestApp;
  let domain: DomainFixture;
  let member: SignedInUser;

  beforeAll(async () => {
    app = await startTestApp();
    domain = await createDomainFixture(app.orm);
    member = await signedInUser(app, { role: Role.MEMBER, regionIds: [domain.regions.south], defaultRegionId: domain.regions.south, lastLoggedDate: '2025-03-14' });
  });
  afterAll(() => app?.close());

  async function countRows(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await app.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n ${sql}`, params);
    return Number(row.n);
  }

  async function lastLoggedDateOf(userId: string): Promise<string | null> {
    const [row] = await app.orm.em.fork().execute<{ d: string | null }[]>('select last_logged_date::text as d from app_user where id = ?', [userId]);
    return row.d;
  }

  describe('defaults (P-001, P-004, B-003)', () => {
    it("dates a new activity on the user's last logged date, and moves that date to each saved one", async () => {
      const first = await createActivity(member.client, internalInput());
      expect(first.__typename).toBe('Activity');
      expect(first.date).toBe('2025-03-14');

      const dated = await createActivity(member.client, internalInput({ date: '2025-03-20' }));
      expect(dated.date).toBe('2025-03-20');
      expect(await lastLoggedDateOf(member.id)).toBe('2025-03-20');

      const next = await createActivity(member.client, internalInput());
      expect(next.date).toBe('2025-03-20');
    });

    it('uses today when the user has never logged anything', async () => {
      const fresh = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.sea });
      const created = await createActivity(fresh.client, internalInput());
      expect(created.date).toBe(new Date().toISOString().slice(0, 10));
      expect(await lastLoggedDateOf(fresh.id)).toBe(created.date);
    });

    it('chooses the project of an account that has exactly one', async () => {
      const created = await createActivity(member.client, { type: 'PRICING', accountId: domain.solo.accountId, effortDays: 1 });
      expect(created.__typename).toBe('Activity');
      expect(created.category).toBe('EXTERNAL');
      expect(created.account?.id).toBe(domain.solo.accountId);
      expect(created.project).toEqual({ id: domain.solo.projectId, name: 'Solo rollout' });
    });

    it("logs the activity in the owner's default region, with owner and effort as sent", async () => {
      const created = await createActivity(member.client, internalInput({ effortHours: 2.5 }));
      expect(created.owner).toEqual({ id: member.id, name: member.name, email: member.email });
      expect(created.region?.id).toBe(domain.regions.south);
      expect(created.effortHours).toBe(2.5);
      expect(created.effortDays).toBeNull();
      expect(created.version).toBe(1);
      const [row] = await app.orm.em.fork().execute<{ effort_half_hours: number }[]>('select effort_half_hours from activity where id = ?', [created.id]);
      expect(row.effort_half_hours).toBe(5);
    });
  });

  describe('Enablement without effort (P-003)', () => {
    it('answers the warning to acknowledge, and saves nothing', async () => {
      const id = randomUUID();
      const result = await member.client.data<{ createActivity: ActivityResult }>(CREATE_ACTIVITY, {
        input: { id, type: 'ENABLEMENT', name: 'Product certification' },
      });
      expect(result.createActivity).toMatchObject({ __typename: 'NeedsAcknowledgement', warnings: ['ENABLEMENT_WITHOUT_EFFORT'] });
      expect(await countRows('from activity where id = ?', [id])).toBe(0);
    });

    it('saves it once the warning is acknowledged', async () => {
      const created = await createActivity(member.client, { type: 'ENABLEMENT', name: 'Product certification', acknowledgeWarnings: ['ENABLEMENT_WITHOUT_EFFORT'] });
      expect(created).toMatchObject({ __typename: 'Activity', type: 'ENABLEMENT', effortDays: null, effortHours: null });
    });

    it('never lets another type go without effort, acknowledged or not', async () => {
      const result = await createActivity(member.client, { type: 'TRAINING', name: 'Course', acknowledgeWarnings: ['ENABLEMENT_WITHOUT_EFFORT'] });
      expect(result.__typename).toBe('ValidationFailed');
      expect(fieldCodes(result)).toEqual({ effort: 'REQUIRED' });
    });
  });

  describe('idempotent create', () => {
    it('returns the same activity when the same create is sent twice, and stores one row', async () => {
      const input = { id: randomUUID(), ...internalInput({ date: '2025-04-01' }) };
      const first = (await member.client.data<{ createActivity: ActivityResult }>(CREATE_ACTIVITY, { input })).createActivity;
      const again = (await member.client.data<{ createActivity: ActivityResult }>(CREATE_ACTIVITY, { input })).createActivity;
      expect(again).toEqual(first);
      expect(await countRows('from activity where id = ?', [input.id])).toBe(1);
      expect(await countRows(`from audit_event where entity_id = ? and action = 'Activity.created'`, [input.id])).toBe(1);
    });

    it('stores one row when the same create arrives twice at the same time', async () => {
      const input = { id: randomUUID(), ...internalInput({ date: '2025-04-02' }) };
      const answers = await Promise.all([0, 1, 2].map(() => member.client.data<{ createActivity: ActivityResult }>(CREATE_ACTIVITY, { input })));
      for (const answer of answers) expect(answer.createActivity).toMatchObject({ __typename: 'Activity', id: input.id, version: 1 });
      expect(await countRows('from activity where id = ?', [input.id])).toBe(1);
    });

    it("refuses an id that is another user's activity, and changes nothing", async () => {
      const other = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.south });
      const mine = await createActivity(member.client, internalInput({ name: 'Mine' }));
      const input = { id: mine.id, ...internalInput({ name: 'Stolen id' }) };
      const result = (await other.client.data<{ createActivity: ActivityResult }>(CREATE_ACTIVITY, { input })).createActivity;
      expect(result.__typename).toBe('ValidationFailed');
      expect(fieldCodes(result)).toEqual({ id: 'ID_TAKEN' });
      const [row] = await app.orm.em.fork().execute<{ name: string; owner_id: string }[]>('select name, owner_id from activity where id = ?', [mine.id]);
      expect(row).toEqual({ name: 'Mine', owner_id: member.id });
    });
  });

  describe('every rule of PRODUCT.md, with a reason per field', () => {
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      ['an impossible date', internalInput({ date: '2025-02-30' }), { date: 'INVALID' }],
      ['a date that is not YYYY-MM-DD', internalInput({ date: '14/03/2025' }), { date: 'INVALID' }],
      ['a date before 2020', internalInput({ date: '2019-12-31' }), { date: 'OUT_OF_RANGE' }],
      ['a date after 2050', internalInput({ date: '2051-01-01' }), { date: 'OUT_OF_RANGE' }],
      ['a type of the other category', { type: 'SOW', category: 'INTERNAL', effortDays: 1, name: 'x' }, { type: 'CATEGORY_MISMATCH', accountId: 'REQUIRED', sowLink: 'REQUIRED' }],
      ['an internal activity without a name', { type: 'WEBINAR', effortDays: 1, name: '   ' }, { name: 'REQUIRED' }],
      ['a name over 200 characters', internalInput({ name: 'n'.repeat(201) }), { name: 'TOO_LONG' }],
      ['a topic over 200 characters', internalInput({ topic: 't'.repeat(201) }), { topic: 'TOO_LONG' }],
      ['a description over 10,000 characters', internalInput({ description: 'd'.repeat(10_001) }), { description: 'TOO_LONG' }],
      ['no effort', internalInput({ effortHours: null }), { effort: 'REQUIRED' }],
      ['effort in days and hours', internalInput({ effortDays: 1 }), { effort: 'BOTH_GIVEN' }],
      ['more than 31 days', internalInput({ effortHours: null, effortDays: 32 }), { effortDays: 'OUT_OF_RANGE' }],
      ['negative days', internalInput({ effortHours: null, effortDays: -1 }), { effortDays: 'OUT_OF_RANGE' }],
      ['hours off the half-hour steps', internalInput({ effortHours: 1.25 }), { effortHours: 'OUT_OF_RANGE' }],
      ['more than 24 hours', internalInput({ effortHours: 24.5 }), { effortHours: 'OUT_OF_RANGE' }],
      ['an external activity without account', { type: 'PRICING', effortDays: 1 }, { accountId: 'REQUIRED' }],
      ['an unknown account', { type: 'PRICING', effortDays: 1, accountId: randomUUID() }, { accountId: 'NOT_FOUND' }],
      ['a malformed account id', { type: 'PRICING', effortDays: 1, accountId: 'acme' }, { accountId: 'NOT_FOUND' }],
    ];
    for (const [what, input, expected] of cases) {
      it(`refuses ${what}`, async () => {
        const result = await createActivity(member.client, input);
        expect(result.__typename).toBe('ValidationFailed');
        expect(fieldCodes(result)).toEqual(expected);
        for (const field of result.fields ?? []) expect(field.message.length).toBeGreaterThan(0);
      });
    }

    it('needs a project of the account when the account has several or none', async () => {
      const several = await createActivity(member.client, { type: 'PRICING', effortDays: 1, accountId: domain.multi.accountId });
      expect(fieldCodes(several)).toEqual({ projectId: 'REQUIRED' });
      const none = await createActivity(member.client, { type: 'PRICING', effortDays: 1, accountId: domain.bare.accountId });
      expect(fieldCodes(none)).toEqual({ projectId: 'REQUIRED' });
      const foreign = await createActivity(member.client, { type: 'PRICING', effortDays: 1, accountId: domain.multi.accountId, projectId: domain.solo.projectId });
      expect(fieldCodes(foreign)).toEqual({ projectId: 'NOT_IN_ACCOUNT' });
      const chosen = await createActivity(member.client, { type: 'PRICING', effortDays: 1, accountId: domain.multi.accountId, projectId: domain.multi.projectIds[1] });
      expect(chosen.project?.name).toBe('Voice');
    });

    const external = () => ({ accountId: domain.solo.accountId, effortHours: 1 });

    it('needs call type and minutes for a customer call', async () => {
      const result = await createActivity(member.client, { type: 'CUSTOMER_CALL', ...external(), minutesOfMeeting: '  ' });
      expect(fieldCodes(result)).toEqual({ callType: 'REQUIRED', minutesOfMeeting: 'REQUIRED' });
      const long = await createActivity(member.client, { type: 'CUSTOMER_CALL', ...external(), callType: 'DEMO', minutesOfMeeting: 'm'.repeat(10_001) });
      expect(fieldCodes(long)).toEqual({ minutesOfMeeting: 'TOO_LONG' });
      const ok = await createActivity(member.client, { type: 'CUSTOMER_CALL', ...external(), callType: 'DEMO', minutesOfMeeting: 'Showed the bot.' });
      expect(ok).toMatchObject({ __typename: 'Activity', callType: 'DEMO', minutesOfMeeting: 'Showed the bot.' });
    });

    it('needs an http(s) link for a SOW', async () => {
      expect(fieldCodes(await createActivity(member.client, { type: 'SOW', ...external() }))).toEqual({ sowLink: 'REQUIRED' });
      expect(fieldCodes(await createActivity(member.client, { type: 'SOW', ...external(), sowLink: 'ftp://files/sow.pdf' }))).toEqual({ sowLink: 'INVALID' });
      expect(fieldCodes(await createActivity(member.client, { type: 'SOW', ...external(), sowLink: 'not a link' }))).toEqual({ sowLink: 'INVALID' });
      expect(fieldCodes(await createActivity(member.client, { type: 'SOW', ...external(), sowLink: `https://x.test/${'a'.repeat(500)}` }))).toEqual({ sowLink: 'TOO_LONG' });
      const ok = await createActivity(member.client, { type: 'SOW', ...external(), sowLink: 'https://docs.test/sow/1' });
      expect(ok.sowLink).toBe('https://docs.test/sow/1');
    });

    it('needs access type and use case for a POC, and ordered start and end dates for a sandbox', async () => {
      expect(fieldCodes(await createActivity(member.client, { type: 'POC', ...external() }))).toEqual({ pocAccessType: 'REQUIRED', pocUseCase: 'REQUIRED' });
      const sandbox = { type: 'POC', ...external(), pocAccessType: 'SANDBOX', pocUseCase: 'Order status bot' };
      expect(fieldCodes(await createActivity(member.client, sandbox))).toEqual({ pocStartDate: 'REQUIRED', pocEndDate: 'REQUIRED' });
      expect(fieldCodes(await createActivity(member.client, { ...sandbox, pocStartDate: '2025-05-10', pocEndDate: '2025-05-01' }))).toEqual({ pocEndDate: 'END_BEFORE_START' });
      expect(fieldCodes(await createActivity(member.client, { ...sandbox, pocStartDate: '2025-13-01', pocEndDate: '2025-05-01' }))).toEqual({ pocStartDate: 'INVALID' });
      const custom = await createActivity(member.client, { type: 'POC', ...external(), pocAccessType: 'CUSTOM_AGENTIC', pocUseCase: 'Returns agent' });
      expect(custom).toMatchObject({ __typename: 'Activity', pocAccessType: 'CUSTOM_AGENTIC', pocStartDate: null });
      const ok = await createActivity(member.client, { ...sandbox, pocStartDate: '2025-05-01', pocEndDate: '2025-05-10' });
      expect(ok).toMatchObject({ pocStartDate: '2025-05-01', pocEndDate: '2025-05-10' });
    });

    it('needs RFx type and submission deadline for an RFx', async () => {
      expect(fieldCodes(await createActivity(member.client, { type: 'RFX', ...external() }))).toEqual({ rfxType: 'REQUIRED', submissionDeadline: 'REQUIRED' });
      expect(fieldCodes(await createActivity(member.client, { type: 'RFX', ...external(), rfxType: 'RFP', submissionDeadline: 'soon' }))).toEqual({ submissionDeadline: 'INVALID' });
      const ok = await createActivity(member.client, { type: 'RFX', ...external(), rfxType: 'RFI', submissionDeadline: '2025-06-30' });
      expect(ok).toMatchObject({ rfxType: 'RFI', submissionDeadline: '2025-06-30' });
    });

    it('stores fields foreign to the type as empty', async () => {
      const created = await createActivity(member.client, internalInput({ callType: 'DEMO', accountId: domain.solo.accountId, sowLink: 'https://x.test' }));
      expect(created).toMatchObject({ __typename: 'Activity', callType: null, account: null, project: null, sowLink: null });
    });

    it('changes nothing when the input is refused: no row, no audit event, same last logged date', async () => {
      const before = {
        activities: await countRows('from activity'),
        events: await countRows('from audit_event'),
        lastLogged: await lastLoggedDateOf(member.id),
      };
      const result = await createActivity(member.client, internalInput({ date: '2030-01-01', name: '' }));
      expect(result.__typename).toBe('ValidationFailed');
      expect({
        activities: await countRows('from activity'),
        events: await countRows('from audit_event'),
        lastLogged: await lastLoggedDateOf(member.id),
      }).toEqual(before);
    });
  });

  describe('who may create', () => {
    it('refuses leaders and analysts', async () => {
      for (const role of [Role.LEADER, Role.ANALYST]) {
        const reader = await signedInUser(app, { role, defaultRegionId: domain.regions.south });
        const result = await createActivity(reader.client, internalInput());
        expect(result.__typename).toBe('Forbidden');
      }
    });

    it('refuses anyone not signed in', async () => {
      const result = await app.client().query(CREATE_ACTIVITY, { input: { id: randomUUID(), ...internalInput() } });
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('lets a member log only for themselves', async () => {
      const other = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.south });
      const result = await createActivity(member.client, internalInput({ ownerId: other.id }));
      expect(result.__typename).toBe('Forbidden');
    });

    it("lets a manager log for a user of their regions, in that user's region, and not outside", async () => {
      const manager = await signedInUser(app, { role: Role.MANAGER, regionIds: [domain.regions.south, domain.regions.sea], defaultRegionId: domain.regions.south });
      const inSea = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.sea });
      const inMena = await signedInUser(app, { role: Role.MEMBER, defaultRegionId: domain.regions.mena });
      const created = await createActivity(manager.client, internalInput({ ownerId: inSea.id }));
      expect(created).toMatchObject({ __typename: 'Activity', owner: { id: inSea.id }, region: { id: domain.regions.sea } });
      const [row] = await app.orm.em.fork().execute<{ created_by_id: string }[]>('select created_by_id from activity where id = ?', [created.id]);
      expect(row.created_by_id).toBe(manager.id);
      expect((await createActivity(manager.client, internalInput({ ownerId: inMena.id }))).__typename).toBe('Forbidden');
      expect(fieldCodes(await createActivity(manager.client, internalInput({ ownerId: randomUUID() })))).toEqual({ ownerId: 'NOT_FOUND' });
    });
  });
});
