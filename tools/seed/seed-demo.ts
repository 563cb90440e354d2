import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { runInScope, type AppConfig, type Logger } from '@pams/server-core';
import { Region, User, UserStatus, hashPassword } from '@pams/server-identity';
import { recordEvent } from '@pams/server-audit';
import { Industry, Product, SalesRep, UseCase, ensureAllCurrencyRates } from '@pams/server-reference';
import { Account, Outcome, Project } from '@pams/server-accounts';
import { Activity } from '@pams/server-activities';
import { ACTIVITY_COLUMNS } from './activity-details.js';
import { dayOf } from './dates.js';
import { DEMO_PEOPLE, DEMO_REGIONS } from './demo-organisation.js';
import { planDemoDomain, type DemoDomainPlan, type PlanPerson } from './demo-domain.js';
import { Random } from './random.js';

/** Thrown instead of writing demo users (with a known password) into a production database. */
export class DemoSeedRefused extends Error {
  constructor() {
    super('Refusing to seed demo users: NODE_ENV=production. Demo users share a known password and must never exist in production.');
    this.name = 'DemoSeedRefused';
  }
}

export function assertSeedAllowed(config: Pick<AppConfig, 'production'>): void {
  if (config.production) throw new DemoSeedRefused();
}

export interface DomainCounts {
  industries: number;
  useCases: number;
  products: number;
  salesReps: number;
  accounts: number;
  projects: number;
  outcomes: number;
  activities: number;
}

export interface SeedResult {
  /** True when anything was created. */
  seeded: boolean;
  regions: number;
  users: number;
  /** The accounts, projects, outcomes and activities created; null when the domain was left alone. */
  domain: DomainCounts | null;
  ms: number;
}

/** Activity rows per INSERT statement. */
const ACTIVITY_BATCH = 5_000;

/**
 * Creates the demo organisation when the database is empty: the nine regions, users in every role,
 * reference data, ~300 accounts with their projects and outcomes, and two years of activities up
 * to today. A database that has users but no domain data yet (created before the domain existed)
 * gets the domain for its demo users. Anything else is left alone, so a rerun changes nothing.
 * Seeded: the same day gives the same organisation, ids included.
 */
export async function seedDemoIfEmpty(orm: MikroORM, log: Logger, config: Pick<AppConfig, 'production' | 'demoPassword'>): Promise<SeedResult> {
  assertSeedAllowed(config);
  const started = Date.now();
  return runInScope({ requestId: 'seed', actorId: null, actorKind: 'system' }, async () => {
    const em = orm.em.fork();
    const existingUsers = await em.count(User);
    const domainRows = (await em.count(Industry)) + (await em.count(SalesRep)) + (await em.count(Account)) + (await em.count(Activity));
    if (existingUsers > 0 && domainRows > 0) {
      log.info({ users: existingUsers }, 'database has users and domain data: demo seed skipped');
      return { seeded: false, regions: 0, users: 0, domain: null, ms: Date.now() - started };
    }
    // argon2id costs ~50 ms a hash by design: hash the shared demo password once.
    const passwordHash = existingUsers === 0 ? await hashPassword(config.demoPassword) : null;
    const result = await em.transactional(async (tx) => {
      const now = new Date();
      const rng = new Random('pams-demo-people');
      // Regions first: ensureAllCurrencyRates below flushes, and audits what it writes like any change.
      const { regions, created: createdRegions } = passwordHash ? await ensureRegions(tx, rng) : { regions: await regionsByName(tx), created: 0 };
      const people = passwordHash ? newDemoPeople(regions, rng) : await existingDemoPeople(tx);
      if (people.length === 0) {
        log.info({ users: existingUsers }, 'database has users but none of the demo organisation: demo domain not created');
        return { seeded: false, regions: 0, users: 0, domain: null };
      }
      // Outcomes carry the rate of their currency: the admin-kept rates, created when missing.
      const rates = new Map((await ensureAllCurrencyRates(tx)).rates.map((r) => [r.currency, r.rateToReporting]));
      const plan = planDemoDomain({ today: dayOf(now), now, regionIds: new Map([...regions].map(([name, r]) => [name, r.id])), people, rates });
      const users = passwordHash ? createUsers(tx, people, regions, passwordHash, plan.lastLoggedDates) : await touchLastLogged(tx, plan.lastLoggedDates);
      createReferenceAndAccounts(tx, plan);
      await tx.flush();
      await insertActivities(tx, plan);
      return { seeded: true, regions: createdRegions, users, domain: countsOf(plan) };
    });
    const ms = Date.now() - started;
    if (result.seeded) log.info({ ...result, ms }, 'demo organisation seeded');
    return { ...result, ms };
  });
}

/** Regions are admin data: reuse any that exist, create the rest. */
async function ensureRegions(em: EntityManager, rng: Random): Promise<{ regions: Map<string, Region>; created: number }> {
  const found = await em.find(Region, { name: { $in: [...DEMO_REGIONS] } });
  const regions = new Map(found.map((r) => [r.name, r]));
  let created = 0;
  for (const name of DEMO_REGIONS) {
    if (!regions.has(name)) {
      regions.set(name, em.create(Region, { id: rng.uuid(), name }));
      created += 1;
    }
  }
  return { regions, created };
}

async function regionsByName(em: EntityManager): Promise<Map<string, Region>> {
  return new Map((await em.find(Region, {})).map((r) => [r.name, r]));
}

function newDemoPeople(regions: Map<string, Region>, rng: Random): PlanPerson[] {
  return DEMO_PEOPLE.map((person) => ({
    id: rng.uuid(),
    role: person.role,
    regions: person.regions.filter((name) => regions.has(name)),
    active: !person.disabled,
  }));
}

/** The demo users of a database seeded before the domain existed, with their regions as stored. */
async function existingDemoPeople(em: EntityManager): Promise<PlanPerson[]> {
  const users = await em.find(User, { email: { $in: DEMO_PEOPLE.map((p) => p.email) } }, { populate: ['regions', 'defaultRegion'] });
  // In DEMO_PEOPLE's order, as newDemoPeople() gives them: the same people give the same plan.
  const order = new Map(DEMO_PEOPLE.map((p, i) => [p.email, i]));
  users.sort((a, b) => order.get(a.email)! - order.get(b.email)!);
  return users.map((user) => {
    const names = user.regions.getItems().map((r) => r.name).sort();
    const first = user.defaultRegion?.name;
    return {
      id: user.id,
      role: user.role,
      regions: first ? [first, ...names.filter((n) => n !== first)] : names,
      active: user.status === UserStatus.ACTIVE,
    };
  });
}

/** `people` is `newDemoPeople()`: DEMO_PEOPLE in order, with their planned ids. */
function createUsers(
  em: EntityManager,
  people: PlanPerson[],
  regions: Map<string, Region>,
  passwordHash: string,
  lastLogged: Map<string, string>,
): number {
  DEMO_PEOPLE.forEach((person, i) => {
    const planned = people[i];
    const own = planned.regions.map((name) => regions.get(name)!);
    em.create(User, {
      id: planned.id,
      email: person.email,
      name: person.name,
      role: person.role,
      passwordHash,
      regions: own,
      defaultRegion: own[0],
      status: person.disabled ? UserStatus.DISABLED : UserStatus.ACTIVE,
      lastLoggedDate: lastLogged.get(planned.id) ?? null,
    });
  });
  return people.length;
}

/** B-003: each user's next activity defaults to the date of their latest one. */
async function touchLastLogged(em: EntityManager, lastLogged: Map<string, string>): Promise<number> {
  const users = await em.find(User, { id: { $in: [...lastLogged.keys()] } });
  for (const user of users) user.lastLoggedDate = lastLogged.get(user.id)!;
  return 0;
}

/**
 * Reference data, accounts, projects and outcomes go through the unit of work: a few thousand
 * rows, each audited with its fields, as if an admin had entered them; these are the records
 * people open and edit in the demo, so their history starts at creation.
 */
function createReferenceAndAccounts(em: EntityManager, plan: DemoDomainPlan): void {
  const industries = new Map(plan.industries.map((i) => [i.id, em.create(Industry, i)]));
  const useCases = new Map(
    plan.useCases.map((u) => [u.id, em.create(UseCase, { id: u.id, name: u.name, bucket: u.bucket, industry: u.industryId ? industries.get(u.industryId)! : null })]),
  );
  const products = new Map(plan.products.map((p) => [p.id, em.create(Product, p)]));
  const reps = new Map(
    plan.salesReps.map((r) => [
      r.id,
      em.create(SalesRep, { id: r.id, name: r.name, email: r.email, region: em.getReference(Region, r.regionId), currency: r.currency, active: r.active }),
    ]),
  );
  const accounts = new Map(
    plan.accounts.map((a) => [
      a.id,
      em.create(Account, {
        id: a.id,
        name: a.name,
        industry: industries.get(a.industryId)!,
        salesRep: reps.get(a.salesRepId)!,
        crmLink: a.crmLink,
        createdAt: a.createdAt,
        updatedAt: a.createdAt,
      }),
    ]),
  );
  const projects = new Map(
    plan.projects.map((p) => [
      p.id,
      em.create(Project, {
        id: p.id,
        account: accounts.get(p.accountId)!,
        name: p.name,
        status: p.status,
        primaryUseCase: useCases.get(p.primaryUseCaseId)!,
        secondaryUseCases: p.secondaryUseCaseIds.map((id) => useCases.get(id)!),
        products: p.productIds.map((id) => products.get(id)!),
        owners: p.ownerIds.map((id) => em.getReference(User, id)),
        crmLink: p.crmLink,
        createdAt: p.createdAt,
        updatedAt: p.createdAt,
      }),
    ]),
  );
  for (const o of plan.outcomes) {
    em.create(Outcome, {
      id: o.id,
      project: projects.get(o.projectId)!,
      result: o.result,
      month: o.month,
      crmLink: o.crmLink,
      reason: o.reason,
      competitors: o.competitors,
      mrrAmount: o.mrrAmount,
      currency: o.currency,
      rate: o.rate,
      oneTimeValue: o.oneTimeValue,
      wonBy: o.wonById ? em.getReference(User, o.wonById) : null,
      accountKind: o.accountKind,
      createdAt: o.createdAt,
      updatedAt: o.createdAt,
    });
  }
}

/**
 * Two years of activities are ~16,000 rows: through the unit of work (entity, change set and
 * audit event each) — or even the ORM's insertMany, which converts every value — they would take
 * seconds of `npm start`. They are written with batched multi-row INSERTs (one JSON parameter per
 * batch, expanded by PostgreSQL) in the same transaction, and one summary audit event records the
 * seed's bulk creation: the trail still says what was created, by whom and when.
 */
async function insertActivities(em: EntityManager, plan: DemoDomainPlan): Promise<void> {
  const rows = plan.activities;
  const columns = ACTIVITY_COLUMNS.map(([column]) => `"${column}"`).join(', ');
  const definition = ACTIVITY_COLUMNS.map(([column, type]) => `"${column}" ${type}`).join(', ');
  const sql = `insert into activity (${columns}) select ${columns} from jsonb_to_recordset(?::jsonb) as r(${definition})`;
  for (let i = 0; i < rows.length; i += ACTIVITY_BATCH) {
    const batch = rows.slice(i, i + ACTIVITY_BATCH).map((row) => Object.fromEntries(ACTIVITY_COLUMNS.map(([column, , value]) => [column, value(row)])));
    // Through knex with a bound parameter: em.execute() would inline the JSON into the SQL text.
    await em.getKnex().raw(sql, [JSON.stringify(batch)]).transacting(em.getTransactionContext()!);
  }
  recordEvent(em, { action: 'seed.demo', entityType: 'Activity', changes: { rows: { before: 0, after: rows.length } } });
}

function countsOf(plan: DemoDomainPlan): DomainCounts {
  return {
    industries: plan.industries.length,
    useCases: plan.useCases.length,
    products: plan.products.length,
    salesReps: plan.salesReps.length,
    accounts: plan.accounts.length,
    projects: plan.projects.length,
    outcomes: plan.outcomes.length,
    activities: plan.activities.length,
  };
}
