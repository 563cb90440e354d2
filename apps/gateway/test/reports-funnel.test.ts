import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { Activity } from '@pams/server-activities';
import { Region, User } from '@pams/server-identity';
import { ActivityCategory, ActivityType, CallType, OutcomeResult, ProjectStatus, Role } from '@pams/shared-util';
import { createDomainFixture, signedInUser, type DomainFixture, type SignedInUser } from './support/domain-fixtures.js';
import { asSystem } from './support/identity-fixtures.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let f: DomainFixture;
let leader: SignedInUser;
let seaManager: SignedInUser;
let owner: SignedInUser;

/** One external activity of `type` (and call type) on an account's first project, in a month. */
async function log(accountName: string, month: string, type: ActivityType, callType: CallType | null = null, regionId = f.regions.south): Promise<void> {
  await asSystem(async () => {
    const em = app.orm.em.fork();
    const account = await em.findOneOrFail(Account, { name: accountName });
    const project = await em.findOne(Project, { account }, { orderBy: { name: 'asc' } });
    em.create(Activity, {
      owner: em.getReference(User, owner.id), region: em.getReference(Region, regionId), date: `${month}-10`,
      category: ActivityCategory.EXTERNAL, type, account, project, callType, effortHalfHours: 2,
      minutesOfMeeting: callType ? 'Notes' : null,
    });
    await em.flush();
  });
}

async function win(accountName: string, month: string): Promise<void> {
  await asSystem(async () => {
    const em = app.orm.em.fork();
    const project = await em.findOneOrFail(Project, { account: { name: accountName } }, { orderBy: { name: 'asc' } });
    project.status = ProjectStatus.WON;
    em.create(Outcome, { project, result: OutcomeResult.WON, month: `${month}-01`, crmLink: 'https://crm.test/w', reason: 'Fit' });
    await em.flush();
  });
}

beforeAll(async () => {
  app = await startTestApp();
  f = await createDomainFixture(app.orm);
  leader = await signedInUser(app, { role: Role.LEADER });
  seaManager = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.sea] });
  owner = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south] });
  // Solo: the whole funnel in order. Multi: discovery and demo, then POC before the demo (out of order: stops at demo).
  // Bare: only a demo (never discovered in the window).
  await log('Solo Retail Ltd', '2026-01', ActivityType.CUSTOMER_CALL, CallType.DISCOVERY);
  await log('Solo Retail Ltd', '2026-02', ActivityType.CUSTOMER_CALL, CallType.DEMO);
  await log('Solo Retail Ltd', '2026-03', ActivityType.POC);
  await win('Solo Retail Ltd', '2026-04');
  await log('Multi Bank plc', '2026-02', ActivityType.CUSTOMER_CALL, CallType.DISCOVERY);
  await log('Multi Bank plc', '2026-01', ActivityType.POC);
  await log('Multi Bank plc', '2026-03', ActivityType.CUSTOMER_CALL, CallType.DEMO);
  await log('Bare Corp', '2026-02', ActivityType.CUSTOMER_CALL, CallType.DEMO, f.regions.sea);
  await log('Bare Corp', '2026-04', ActivityType.SOW, null, f.regions.sea);
});

afterAll(async () => {
  await app?.close();
});

const FUNNEL = `query($input: FunnelInput!) { funnel(input: $input) { stages { stage accounts conversion } } }`;
const COHORTS = `query($input: FunnelInput!) { cohorts(input: $input) { cohorts { month accounts active } } }`;

describe('funnel', () => {
  it('counts accounts that reached each stage in order within the window', async () => {
    const { funnel } = await leader.client.data(FUNNEL, { input: { from: '2026-01', to: '2026-04' } });
    expect(funnel.stages).toEqual([
      { stage: 'DISCOVERY', accounts: 2, conversion: null },
      { stage: 'DEMO', accounts: 2, conversion: 1 },
      { stage: 'POC', accounts: 1, conversion: 0.5 },
      { stage: 'WON', accounts: 1, conversion: 1 },
    ]);
    // A window that ends before the win stops at POC.
    const early = await leader.client.data(FUNNEL, { input: { from: '2026-01', to: '2026-03' } });
    expect(early.funnel.stages.map((s: { accounts: number }) => s.accounts)).toEqual([2, 2, 1, 0]);
  });

  it("keeps a manager to their regions' activities", async () => {
    const { funnel } = await seaManager.client.data(FUNNEL, { input: { from: '2026-01', to: '2026-04' } });
    expect(funnel.stages.map((s: { accounts: number }) => s.accounts)).toEqual([0, 0, 0, 0]);
    const refused = await seaManager.client.query(FUNNEL, { input: { from: '2026-01', to: '2026-04', regionIds: [f.regions.south] } });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cohorts', () => {
  it('groups accounts by their first external month and follows them month by month', async () => {
    const { cohorts } = await leader.client.data(COHORTS, { input: { from: '2026-01', to: '2026-04' } });
    expect(cohorts.cohorts).toEqual([
      // Solo and Multi start in January; Solo is active Jan–Mar, Multi Jan–Mar.
      { month: '2026-01', accounts: 2, active: [2, 2, 2, 0] },
      // Bare starts in February and is back in April.
      { month: '2026-02', accounts: 1, active: [1, 0, 1] },
    ]);
  });

  it('refuses a window over 36 months', async () => {
    const result = await leader.client.query(COHORTS, { input: { from: '2020-01', to: '2026-01' } });
    expect(result.errors?.[0]).toMatchObject({ message: 'A cohort window spans at most 36 months.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
