import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { User } from '@pams/server-identity';
import { SalesRep, UseCase } from '@pams/server-reference';
import { Currency, OutcomeResult, ProjectStatus, Role } from '@pams/shared-util';
import { createDomainFixture, signedInUser, type DomainFixture, type SignedInUser } from './domain-fixtures.js';
import { asSystem } from './identity-fixtures.js';
import { INSERT_ACTIVITY_COLUMNS, prng, randomActivityValues, type RollupWorld } from './report-fixtures.js';
import type { TestApp } from './test-app.js';

export const MONTH = '2026-03';

export interface MonthlyWorld {
  f: DomainFixture;
  leader: SignedInUser;
  admin: SignedInUser;
  managerSouth: SignedInUser;
  memberSouth: SignedInUser;
  memberSea: SignedInUser;
  /** An account whose sales rep is in SEA, with a CRM link; its projects have none. */
  seaAccountId: string;
  /** Won outcomes of MONTH, largest MRR (USD) first: [id, mrr, region of the rep]. */
  wins: { id: string; mrr: number; region: 'south' | 'sea'; projectName: string }[];
  /** The lost outcome of MONTH. */
  lossId: string;
  /** A win of the month before, never in MONTH's report. */
  earlierWinId: string;
}

/**
 * Users of each role, a SEA account beside the domain fixture's India South ones, eight wins and a loss in
 * March 2026 (one win in February), and 400 random activities over February–April written with plain SQL.
 */
export async function createMonthlyWorld(app: TestApp): Promise<MonthlyWorld> {
  const f = await createDomainFixture(app.orm);
  const leader = await signedInUser(app, { role: Role.LEADER, name: 'Lea Leader' });
  const admin = await signedInUser(app, { role: Role.ADMIN, name: 'Ada Admin' });
  const managerSouth = await signedInUser(app, { role: Role.MANAGER, regionIds: [f.regions.south], name: 'Mona Manager' });
  const memberSouth = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.south], name: 'Sam South' });
  const memberSea = await signedInUser(app, { role: Role.MEMBER, regionIds: [f.regions.sea], name: 'Sid Sea' });

  const made = await asSystem(async () => {
    const em = app.orm.em.fork();
    const seaRep = em.create(SalesRep, { name: 'Rep Sea', email: 'rep.sea@test.pams', region: f.regions.sea, currency: Currency.USD });
    const seaAccount = em.create(Account, { name: 'Sea Traders', salesRep: seaRep, crmLink: 'https://crm.test/account/sea' });
    const south = await em.findOneOrFail(Account, f.multi.accountId);
    // One project with a CRM link: its activities are never "missing".
    const chatbot = await em.findOneOrFail(Project, f.multi.projectIds[0]);
    chatbot.crmLink = 'https://crm.test/project/chatbot';
    const useCase = em.getReference(UseCase, f.useCaseIds[0]);
    const wins: MonthlyWorld['wins'] = [];
    const outcome = (account: Account, name: string, result: OutcomeResult, month: string, mrr: number) => {
      const project = em.create(Project, { account, name, status: result === OutcomeResult.WON ? ProjectStatus.WON : ProjectStatus.LOST, primaryUseCase: useCase });
      return em.create(Outcome, {
        project, result, month: `${month}-01`, crmLink: `https://crm.test/${name}`, reason: `Reason of ${name}`,
        mrrAmount: mrr.toFixed(2), currency: Currency.USD, rate: '1.00000000', wonBy: em.getReference(User, memberSouth.id),
      });
    };
    const amounts: [number, 'south' | 'sea'][] = [[9000, 'sea'], [8000, 'south'], [7000, 'south'], [6000, 'sea'], [5000, 'south'], [4000, 'south'], [3000, 'sea'], [2000, 'south']];
    for (const [i, [mrr, region]] of amounts.entries()) {
      const name = `Deal ${i + 1}`;
      const o = outcome(region === 'sea' ? seaAccount : south, name, OutcomeResult.WON, MONTH, mrr);
      wins.push({ id: o.id, mrr, region, projectName: name });
    }
    const loss = outcome(south, 'Lost deal', OutcomeResult.LOST, MONTH, 1500);
    const earlier = outcome(seaAccount, 'February deal', OutcomeResult.WON, '2026-02', 99000);
    await em.flush();
    return { seaAccountId: seaAccount.id, wins, lossId: loss.id, earlierWinId: earlier.id };
  });

  const [seaProject] = await asSystem(async () => {
    const em = app.orm.em.fork();
    return em.find(Project, { account: made.seaAccountId }, { orderBy: { name: 'asc' }, limit: 1 });
  });
  const world: RollupWorld = {
    owners: [
      { id: memberSouth.id, regionId: f.regions.south },
      { id: managerSouth.id, regionId: f.regions.south },
      { id: memberSea.id, regionId: f.regions.sea },
      { id: leader.id, regionId: f.regions.mena },
    ],
    projects: [
      { projectId: f.solo.projectId, accountId: f.solo.accountId },
      { projectId: f.multi.projectIds[0], accountId: f.multi.accountId },
      { projectId: f.multi.projectIds[1], accountId: f.multi.accountId },
      { projectId: seaProject.id, accountId: made.seaAccountId },
    ],
    bareAccountId: f.bare.accountId,
    months: ['2026-02', '2026-03', '2026-03', '2026-04'],
  };
  const rnd = prng(20260301);
  const rows = Array.from({ length: 400 }, () => [randomUUID(), 1, new Date(), new Date(), ...randomActivityValues(world, rnd)]);
  // Project-less external activities on the SEA account, whose account link makes them complete.
  rows.push([randomUUID(), 1, new Date(), new Date(), memberSea.id, f.regions.sea, `${MONTH}-10`, 'EXTERNAL', 'PRICING', made.seaAccountId, null, 1, null, null, null]);
  const client = new pg.Client({ connectionString: app.orm.config.get('clientUrl')! });
  await client.connect();
  try {
    const width = rows[0].length;
    const placeholders = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
    await client.query(`insert into activity (${INSERT_ACTIVITY_COLUMNS}) values ${placeholders.join(', ')}`, rows.flat());
  } finally {
    await client.end();
  }
  return { f, leader, admin, managerSouth, memberSouth, memberSea, ...made };
}

/** A GET with the user's session cookie (or none), as a browser download would send it. */
export async function download(app: TestApp, path: string, user?: SignedInUser, headers: Record<string, string> = {}): Promise<Response> {
  const all: Record<string, string> = { ...headers };
  if (user) all.cookie = [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return fetch(app.url + path, { headers: all });
}

export const OVERRIDE_FIELDS = `id month version highlights featuredUseCaseIds excludedOutcomeIds includedOutcomeIds
  manualWins { title accountName mrrReporting story } winOfTheMonthOutcomeId winOfTheMonthStory editable updatedAt`;

export const SAVE_OVERRIDE = `mutation Save($month: String!, $v: Int!, $input: MonthlyReportOverrideInput!) {
  saveMonthlyReportOverride(month: $month, expectedVersion: $v, input: $input) {
    __typename
    ... on MonthlyReportOverride { ${OVERRIDE_FIELDS} }
    ... on MonthlyReportOverrideConflict { message current { ${OVERRIDE_FIELDS} } }
    ... on ValidationFailed { fields { field code message } }
    ... on UserError { message }
  }
}`;

export const MONTHLY_REPORT = `query Monthly($from: String!, $to: String) {
  monthlyReport(from: $from, to: $to) {
    from to scope { allRegions regionNames }
    summary { activities external internal effortDays effortHours accountsTouched wins losses wonMrr winRate }
    highlights { month text }
    featuredUseCases { id name bucket activities wins wonMrr }
    winCards { outcomeId manual included title accountName mrrReporting month regionName story }
    winsAndLosses { id result accountName projectName regionName mrrReporting }
    activityByType { id label activityCount effortDays effortHours }
    callTypes { id label activityCount }
    regionActivity { id label activityCount external internal }
    missingCrmLinksByRegion { id label activities records }
    missingCrmLinksBySalesRep { id label activities records }
    activityByPresalesUser { id label activityCount effortDays effortHours }
    winOfTheMonth { source story outcome { id projectName mrrReporting } }
    asOf
  }
}`;
