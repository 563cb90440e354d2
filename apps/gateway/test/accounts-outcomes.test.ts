import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { statementCount } from '@pams/server-core';
import { CurrencyRate, SalesRep } from '@pams/server-reference';
import { User } from '@pams/server-identity';
import { Currency, OutcomeResult, ProjectStatus, Role } from '@pams/shared-util';
import { asSystem } from './support/identity-fixtures.js';
import { auditOf, createReferenceFixture, ERROR_FIELDS, signInAs, type ReferenceFixture, type SignedIn } from './support/accounts-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const OUTCOME_FIELDS = `id version projectId result month crmLink reason competitors
  mrrAmount currency rate mrrReporting oneTimeValue oneTimeValueReporting accountKind
  wonBy { id name } project { id name status outcome { id } } account { id name region { id } }`;

const RECORD = `mutation ($input: RecordOutcomeInput!) {
  recordOutcome(input: $input) {
    __typename
    ... on Outcome { ${OUTCOME_FIELDS} }
    ... on OutcomeAlreadyRecorded { current { id version result } }
    ${ERROR_FIELDS}
  }
}`;

const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateOutcomeInput!) {
  updateOutcome(id: $id, expectedVersion: $version, input: $input) {
    __typename
    ... on Outcome { ${OUTCOME_FIELDS} }
    ... on OutcomeVersionConflict { current { id version result mrrAmount } }
    ${ERROR_FIELDS}
  }
}`;

const OUTCOMES = `query ($month: String, $regionId: ID, $first: Int, $after: String) {
  outcomes(month: $month, regionId: $regionId, first: $first, after: $after) {
    nodes { ${OUTCOME_FIELDS} }
    pageInfo { endCursor hasNextPage }
  }
}`;

const BASE = { result: 'WON', month: '2026-09', crmLink: 'https://crm.example.com/deal', reason: 'Strong demo' };

describe('outcomes (win/loss form)', () => {
  let app: TestApp;
  let ref: ReferenceFixture;
  let member: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp();
    ref = await createReferenceFixture(app.orm);
    member = await signInAs(app, Role.MEMBER, [ref.regions.south], 'Mira Member');
    admin = await signInAs(app, Role.ADMIN);
  });
  afterAll(() => app?.close());

  /** An account of the south region with projects named `projects`, written through the ORM. */
  async function accountWith(name: string, projects: string[], salesRepId = ref.salesReps.south): Promise<{ accountId: string; projectIds: string[] }> {
    return asSystem(async () => {
      const em = app.orm.em.fork();
      const account = em.create(Account, { name, salesRep: em.getReference(SalesRep, salesRepId) });
      const created = projects.map((p) => em.create(Project, { account, name: p }));
      await em.flush();
      return { accountId: account.id, projectIds: created.map((p) => p.id) };
    });
  }

  async function record(who: SignedIn, input: Record<string, unknown>) {
    return (await who.client.data(RECORD, { input: { ...BASE, ...input } })).recordOutcome;
  }

  it('takes the only project of the account (P-004), sets its status and keeps the rate of the day', async () => {
    const { accountId, projectIds } = await accountWith('Solo Ltd', ['Only deal']);
    const outcome = await record(member, {
      accountId,
      mrrAmount: 150000,
      currency: 'INR',
      oneTimeValue: 50000,
      competitors: 'Rival Inc',
      wonById: member.id,
      accountKind: 'NEW',
    });
    expect(outcome).toEqual({
      __typename: 'Outcome',
      id: expect.any(String),
      version: 1,
      projectId: projectIds[0],
      result: 'WON',
      month: '2026-09',
      crmLink: 'https://crm.example.com/deal',
      reason: 'Strong demo',
      competitors: 'Rival Inc',
      mrrAmount: 150000,
      currency: 'INR',
      rate: 0.012,
      mrrReporting: 1800,
      oneTimeValue: 50000,
      oneTimeValueReporting: 600,
      accountKind: 'NEW',
      wonBy: { id: member.id, name: 'Mira Member' },
      project: { id: projectIds[0], name: 'Only deal', status: 'WON', outcome: { id: outcome.id } },
      account: { id: accountId, name: 'Solo Ltd', region: { id: ref.regions.south } },
    });
    const stored = await app.orm.em.fork().findOneOrFail(Outcome, outcome.id);
    expect({ month: stored.month, rate: Number(stored.rate), mrrAmount: Number(stored.mrrAmount) }).toEqual({ month: '2026-09-01', rate: 0.012, mrrAmount: 150000 });

    // A later change of the rate leaves recorded outcomes alone.
    await asSystem(async () => {
      const em = app.orm.em.fork();
      (await em.findOneOrFail(CurrencyRate, { currency: Currency.INR })).rateToReporting = '0.0125';
      await em.flush();
    });
    const list = await member.client.data(OUTCOMES, { month: '2026-09' });
    expect(list.outcomes.nodes.find((o: { id: string }) => o.id === outcome.id)).toMatchObject({ rate: 0.012, mrrReporting: 1800 });

    const events = await auditOf(app.orm, 'Outcome', outcome.id);
    expect(events).toMatchObject([{ action: 'Outcome.created', actorId: member.id }]);
    const projectEvents = await auditOf(app.orm, 'Project', projectIds[0]);
    expect(projectEvents.at(-1)).toMatchObject({ action: 'Project.updated', actorId: member.id, changes: { status: { before: 'ACTIVE', after: 'WON' } } });
  });

  it('asks which project when the account has several, and says when it has none', async () => {
    const { accountId, projectIds } = await accountWith('Multi plc', ['Chat', 'Voice']);
    const ambiguous = await record(member, { accountId });
    expect(ambiguous).toMatchObject({ __typename: 'ValidationFailed', fields: [{ field: 'projectId', code: 'REQUIRED' }] });
    const chosen = await record(member, { accountId, projectId: projectIds[1], result: 'LOST' });
    expect(chosen).toMatchObject({ __typename: 'Outcome', projectId: projectIds[1], result: 'LOST', project: { status: 'LOST' } });

    const other = await accountWith('Other plc', ['Elsewhere']);
    const wrongAccount = await record(member, { accountId, projectId: other.projectIds[0] });
    expect(wrongAccount.fields).toEqual([{ field: 'projectId', code: 'NOT_FOUND' }]);
    const bare = await accountWith('Bare plc', []);
    expect((await record(member, { accountId: bare.accountId })).fields).toEqual([{ field: 'projectId', code: 'NO_PROJECT' }]);
    expect(await app.orm.em.fork().count(Outcome, { project: { account: accountId } })).toBe(1);
  });

  it('validates every field of the form', async () => {
    const { accountId } = await accountWith('Strict Ltd', ['Deal']);
    const invalid = await record(member, {
      accountId,
      month: '2026-13',
      crmLink: '',
      reason: '   ',
      mrrAmount: -1,
      oneTimeValue: 10,
      wonById: '00000000-0000-4000-8000-000000000000',
    });
    expect(invalid.fields).toEqual([
      { field: 'month', code: 'INVALID' },
      { field: 'crmLink', code: 'REQUIRED' },
      { field: 'reason', code: 'REQUIRED' },
      { field: 'mrrAmount', code: 'OUT_OF_RANGE' },
      { field: 'currency', code: 'REQUIRED' },
      { field: 'wonById', code: 'NOT_FOUND' },
    ]);
    const early = await record(member, { accountId, month: '2019-12', crmLink: 'not a url' });
    expect(early.fields).toEqual([
      { field: 'month', code: 'OUT_OF_RANGE' },
      { field: 'crmLink', code: 'INVALID_URL' },
    ]);
    expect(await app.orm.em.fork().count(Outcome, { project: { account: accountId } })).toBe(0);
  });

  it('records one outcome per project: a second is refused with the current one to edit', async () => {
    const { accountId } = await accountWith('Twice Ltd', ['Deal']);
    const first = await record(member, { accountId });
    const second = await record(member, { accountId, result: 'LOST' });
    expect(second).toEqual({
      __typename: 'OutcomeAlreadyRecorded',
      message: expect.any(String),
      current: { id: first.id, version: 1, result: 'WON' },
    });
  });

  it('records one outcome when two people record the same project at once', async () => {
    const { accountId, projectIds } = await accountWith('Race Ltd', ['Deal']);
    const results = await Promise.all([record(member, { accountId }), record(admin, { accountId, result: 'LOST' })]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['Outcome', 'OutcomeAlreadyRecorded']);
    const winner = results.find((r) => r.__typename === 'Outcome');
    expect(results.find((r) => r.__typename === 'OutcomeAlreadyRecorded').current.id).toBe(winner.id);
    const project = await app.orm.em.fork().findOneOrFail(Project, projectIds[0]);
    expect(project.status).toBe(winner.result);
  });

  it('updates with the version read: result follows to the project, a new currency takes its rate, stale is refused', async () => {
    const { accountId, projectIds } = await accountWith('Edited Ltd', ['Deal']);
    const outcome = await record(member, { accountId, mrrAmount: 1000, currency: 'USD' });
    const updated = await member.client.data(UPDATE, {
      id: outcome.id,
      version: 1,
      input: { result: 'LOST', currency: 'EUR', competitors: null, reason: 'Price' },
    });
    expect(updated.updateOutcome).toMatchObject({
      __typename: 'Outcome',
      version: 2,
      result: 'LOST',
      reason: 'Price',
      mrrAmount: 1000,
      currency: 'EUR',
      rate: 1.08,
      mrrReporting: 1080,
      project: { id: projectIds[0], status: 'LOST' },
    });
    const stale = await member.client.data(UPDATE, { id: outcome.id, version: 1, input: { mrrAmount: 5 } });
    expect(stale.updateOutcome).toEqual({
      __typename: 'OutcomeVersionConflict',
      message: expect.any(String),
      current: { id: outcome.id, version: 2, result: 'LOST', mrrAmount: 1000 },
    });
    const stored = await app.orm.em.fork().findOneOrFail(Outcome, outcome.id);
    expect(Number(stored.mrrAmount)).toBe(1000);
    const clearedCurrency = await member.client.data(UPDATE, { id: outcome.id, version: 2, input: { currency: null } });
    expect(clearedCurrency.updateOutcome.fields).toEqual([{ field: 'currency', code: 'REQUIRED' }]);
  });

  it('lets only admins, managers and members write; leaders and analysts read', async () => {
    const { accountId } = await accountWith('Readers Ltd', ['Deal']);
    const outcome = await record(admin, { accountId });
    for (const role of [Role.LEADER, Role.ANALYST]) {
      const reader = await signInAs(app, role);
      expect((await record(reader, { accountId })).__typename).toBe('Forbidden');
      const edit = await reader.client.data(UPDATE, { id: outcome.id, version: 1, input: { reason: 'Mine now' } });
      expect(edit.updateOutcome.__typename).toBe('Forbidden');
      const read = await reader.client.data(OUTCOMES, { month: '2026-09' });
      expect(read.outcomes.nodes.map((o: { id: string }) => o.id)).toContain(outcome.id);
    }
    // A member of another region who does not own the project cannot record its outcome.
    const seaMember = await signInAs(app, Role.MEMBER, [ref.regions.sea]);
    const { accountId: southAccount } = await accountWith('South only', ['Deal']);
    expect((await record(seaMember, { accountId: southAccount })).__typename).toBe('Forbidden');
  });

  describe('list', () => {
    let seaOutcomeIds: string[];

    beforeAll(async () => {
      // 120 outcomes in SEA over two months, written through the ORM.
      seaOutcomeIds = await asSystem(async () => {
        const em = app.orm.em.fork();
        const ids: string[] = [];
        for (let i = 0; i < 120; i += 1) {
          const account = em.create(Account, { name: `Sea ${i}`, salesRep: em.getReference(SalesRep, ref.salesReps.sea) });
          const project = em.create(Project, { account, name: 'Deal', status: ProjectStatus.WON });
          const outcome = em.create(Outcome, {
            project,
            result: OutcomeResult.WON,
            month: i % 2 === 0 ? '2025-05-01' : '2025-06-01',
            crmLink: 'https://crm.example.com/sea',
            reason: 'Seeded',
            mrrAmount: '100.00',
            currency: Currency.GBP,
            rate: '1.27',
            wonBy: em.getReference(User, member.id),
          });
          ids.push(outcome.id);
        }
        await em.flush();
        return ids;
      });
    });

    it('filters by month and region, newest month first, and pages without gaps', async () => {
      const seen: string[] = [];
      const months: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { outcomes }: { outcomes: { nodes: { id: string; month: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } =
          await member.client.data(OUTCOMES, { regionId: ref.regions.sea, first: 25, after });
        seen.push(...outcomes.nodes.map((o) => o.id));
        months.push(...outcomes.nodes.map((o) => o.month));
        if (!outcomes.pageInfo.hasNextPage) break;
        after = outcomes.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual([...seaOutcomeIds].sort());
      expect(months).toEqual([...months].sort().reverse());

      const june = await member.client.data(OUTCOMES, { month: '2025-06', regionId: ref.regions.sea, first: 100 });
      expect(june.outcomes.nodes).toHaveLength(60);
      expect(june.outcomes.nodes[0]).toMatchObject({
        month: '2025-06',
        mrrReporting: 127,
        wonBy: { id: member.id },
        account: { region: { id: ref.regions.sea } },
        project: { status: 'WON' },
      });
      const south = await member.client.data(OUTCOMES, { month: '2025-06', regionId: ref.regions.south });
      expect(south.outcomes.nodes).toEqual([]);
      const bad = await member.client.query(OUTCOMES, { month: 'June' });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('reads a page in one statement whatever its size', async () => {
      async function statementsFor(first: number): Promise<number> {
        await member.client.data('{ viewer { id } }');
        const before = statementCount();
        const { outcomes } = await member.client.data(OUTCOMES, { regionId: ref.regions.sea, first });
        expect(outcomes.nodes).toHaveLength(first);
        return statementCount() - before;
      }
      const small = await statementsFor(5);
      expect(small).toBe(2);
      expect(await statementsFor(100)).toBe(small);
    });
  });
});
