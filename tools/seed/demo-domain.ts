import {
  AccountKind,
  ActivityCategory,
  ActivityType,
  CallType,
  Currency,
  OutcomeResult,
  ProjectStatus,
  Role,
  UseCaseBucket,
} from '@pams/shared-util';
import { externalDetails, externalTypeAt, effortFor, internalDetails, INTERNAL_TYPE_WEIGHTS, type ActivityRow } from './activity-details.js';
import { isoDay, monthStartIso, timestampOn, workingDayOnOrBefore } from './dates.js';
import {
  COMPETITORS,
  DEMO_INDUSTRIES,
  DEMO_PRODUCTS,
  DEMO_SALES_REPS,
  GENERAL_USE_CASES,
  INDUSTRY_NAME_WORDS,
  INDUSTRY_USE_CASES,
  INDUSTRY_WEIGHTS,
  LOSS_REASONS,
  MRR_USD_RANGE,
  NAME_ROOTS,
  WIN_REASONS,
  type DemoIndustry,
} from './demo-reference.js';
import { demoEmail } from './demo-organisation.js';
import { Random } from './random.js';

/** A person of the organisation as the domain plan needs them. */
export interface PlanPerson {
  id: string;
  role: Role;
  /** Region names; the first is the default region. */
  regions: string[];
  active: boolean;
}

export interface DemoDomainInput {
  /** Today as a day number (dates.ts); every date is relative to it. */
  today: number;
  now: Date;
  regionIds: ReadonlyMap<string, string>;
  people: PlanPerson[];
  /** Each currency's rate to the reporting currency, as stored (a string of the decimal). */
  rates: ReadonlyMap<Currency, string>;
}

export interface PlannedUseCase {
  id: string;
  name: string;
  bucket: UseCaseBucket;
  industryId: string | null;
}

export interface PlannedSalesRep {
  id: string;
  name: string;
  email: string;
  regionId: string;
  currency: Currency;
  active: boolean;
}

export interface PlannedAccount {
  id: string;
  name: string;
  industryId: string;
  salesRepId: string;
  regionId: string;
  crmLink: string | null;
  createdAt: Date;
}

export interface PlannedProject {
  id: string;
  accountId: string;
  name: string;
  status: ProjectStatus;
  primaryUseCaseId: string;
  secondaryUseCaseIds: string[];
  productIds: string[];
  ownerIds: string[];
  crmLink: string | null;
  createdAt: Date;
}

export interface PlannedOutcome {
  id: string;
  projectId: string;
  result: OutcomeResult;
  month: string;
  crmLink: string;
  reason: string;
  competitors: string | null;
  mrrAmount: string;
  currency: Currency;
  rate: string;
  oneTimeValue: string | null;
  wonById: string | null;
  accountKind: AccountKind;
  createdAt: Date;
}

export interface DemoDomainPlan {
  industries: { id: string; name: string }[];
  useCases: PlannedUseCase[];
  products: { id: string; name: string }[];
  salesReps: PlannedSalesRep[];
  accounts: PlannedAccount[];
  projects: PlannedProject[];
  outcomes: PlannedOutcome[];
  activities: ActivityRow[];
  /** The date of each person's latest activity (B-003). */
  lastLoggedDates: Map<string, string>;
}

const ACCOUNTS = 300;
const HISTORY_DAYS = 730;
/** A disabled demo member left this many days ago; their history stops there. */
const LEFT_DAYS_AGO = 270;

/** Which work people log: members carry most deals, managers some. */
const WORKER_ROLES = new Set<Role>([Role.MEMBER, Role.MANAGER]);

/**
 * The demo organisation's reference data, accounts, projects, outcomes and two years of
 * activities up to today, as plain rows. Pure and seeded: the same input gives the same plan.
 */
export function planDemoDomain(input: DemoDomainInput): DemoDomainPlan {
  const rng = new Random('pams-demo-domain');
  const { today, now } = input;
  const start = today - HISTORY_DAYS;
  const leftDay = today - LEFT_DAYS_AGO;

  const industries = DEMO_INDUSTRIES.map((name) => ({ id: rng.uuid(), name }));
  const industryId = new Map<string, string>(industries.map((i) => [i.name, i.id]));
  const general: PlannedUseCase[] = GENERAL_USE_CASES.map(([name, bucket]) => ({ id: rng.uuid(), name, bucket, industryId: null }));
  const specific = new Map<DemoIndustry, PlannedUseCase[]>(
    DEMO_INDUSTRIES.map((industry) => [
      industry,
      INDUSTRY_USE_CASES[industry].map(([name, bucket]) => ({ id: rng.uuid(), name, bucket, industryId: industryId.get(industry)! })),
    ]),
  );
  const useCases = [...general, ...[...specific.values()].flat()];
  const products = DEMO_PRODUCTS.map((name) => ({ id: rng.uuid(), name }));
  const productName = new Map(products.map((p) => [p.id, p.name]));

  const salesReps: PlannedSalesRep[] = DEMO_SALES_REPS.filter(([, region]) => input.regionIds.has(region)).map(([name, region, currency, active]) => ({
    id: rng.uuid(),
    name,
    email: demoEmail(name).replace('@demo.pams', '@sales.demo.pams'),
    regionId: input.regionIds.get(region)!,
    currency,
    active: active ?? true,
  }));

  // Presales people of each region (a manager works in every region they lead).
  const workers = input.people.filter((p) => WORKER_ROLES.has(p.role));
  const workersOf = new Map<string, PlanPerson[]>();
  for (const person of workers) {
    for (const region of person.regions) {
      const id = input.regionIds.get(region);
      if (!id) continue;
      workersOf.set(id, [...(workersOf.get(id) ?? []), person]);
    }
  }
  const regionsWithReps = [...new Set(salesReps.filter((r) => r.active).map((r) => r.regionId))];
  const regionWeights = regionsWithReps.map((id) => [id, (workersOf.get(id)?.length ?? 0) + 1] as const);

  const accounts: PlannedAccount[] = [];
  const accountIndustry = new Map<string, DemoIndustry>();
  const names = new Set<string>();
  const industryWeights = DEMO_INDUSTRIES.map((i) => [i, INDUSTRY_WEIGHTS[i]] as const);
  for (let i = 0; i < ACCOUNTS && regionWeights.length > 0; i += 1) {
    const regionId = rng.weighted(regionWeights);
    const reps = salesReps.filter((r) => r.regionId === regionId);
    // Mostly active reps; a few accounts still sit with the rep who left.
    const rep = rng.chance(0.95) ? rng.pick(reps.filter((r) => r.active)) : rng.pick(reps);
    const industry = rng.weighted(industryWeights);
    let name: string;
    do name = `${rng.pick(NAME_ROOTS)} ${rng.pick(INDUSTRY_NAME_WORDS[industry])}`;
    while (names.has(name.toLowerCase()));
    names.add(name.toLowerCase());
    const account: PlannedAccount = {
      id: rng.uuid(),
      name,
      industryId: industryId.get(industry)!,
      salesRepId: rep.id,
      regionId,
      crmLink: rng.chance(0.88) ? `https://crm.example.com/accounts/ACC-${10_000 + i}` : null,
      createdAt: timestampOn(start - rng.int(0, 365), rng.int(480, 1_140), now),
    };
    accounts.push(account);
    accountIndustry.set(account.id, industry);
  }

  const projects: PlannedProject[] = [];
  const outcomes: PlannedOutcome[] = [];
  const activities: ActivityRow[] = [];
  let opportunity = 40_000;

  for (const account of accounts) {
    const industry = accountIndustry.get(account.id)!;
    const rep = salesReps.find((r) => r.id === account.salesRepId)!;
    const own = specific.get(industry)!;
    const count = rng.weighted([[1, 35], [2, 35], [3, 20], [4, 10]]);
    const spans: { project: PlannedProject; from: number; to: number; closed: boolean; owners: PlanPerson[] }[] = [];
    const projectNames = new Set<string>();
    for (let p = 0; p < count; p += 1) {
      const from = rng.int(start, today - 7);
      const to = from + rng.int(30, 240);
      const closed = to < today - 10;
      const primary = rng.chance(0.7) ? rng.pick(general) : rng.pick(own);
      const secondary = rng.sample(own.filter((u) => u.id !== primary.id), rng.int(0, 2));
      let name = primary.name;
      for (const suffix of ['', ' pilot', ' rollout', ' – phase 2', ' expansion', ' – phase 3']) {
        name = `${primary.name}${suffix}`;
        if (!projectNames.has(name)) break;
      }
      projectNames.add(name);
      // Owners must have been on the team for the whole deal (the member who left only owns older deals).
      const eligible = (workersOf.get(account.regionId) ?? []).filter((w) => w.active || to <= leftDay);
      const owners = eligible.length === 0 ? [] : sampleWeighted(rng, eligible, rng.chance(0.65) ? 1 : 2);
      const project: PlannedProject = {
        id: rng.uuid(),
        accountId: account.id,
        name,
        status: ProjectStatus.ACTIVE,
        primaryUseCaseId: primary.id,
        secondaryUseCaseIds: secondary.map((u) => u.id),
        productIds: rng.sample(products, rng.int(1, 3)).map((x) => x.id),
        ownerIds: owners.map((o) => o.id),
        crmLink: null,
        createdAt: timestampOn(from, rng.int(480, 1_140), now),
      };
      opportunity += 1;
      const crmLink = `https://crm.example.com/opportunities/OPP-${opportunity}`;
      project.crmLink = closed || rng.chance(0.8) ? crmLink : null;
      projects.push(project);
      spans.push({ project, from, to: Math.min(to, today), closed, owners });

      // Customer work over the life of the deal, typed by its phase.
      if (owners.length > 0) {
        const last = Math.min(to, today);
        const length = last - from + 1;
        const n = Math.max(2, Math.round((length / 30.4) * rng.int(3, 6)));
        for (let k = 0; k < n; k += 1) {
          const day = Math.max(from, workingDayOnOrBefore(from + Math.floor(((k + rng.next()) * length) / n)));
          if (day > today) continue;
          const phase = (day - from) / length;
          const [type, callType] = k === 0 ? [ActivityType.CUSTOMER_CALL, CallType.DISCOVERY] : externalTypeAt(rng, phase);
          const owner = owners.length > 1 && rng.chance(0.3) ? owners[1] : owners[0];
          const [effortDays, effortHalfHours] = effortFor(rng, type);
          activities.push({
            id: rng.uuid(),
            ownerId: owner.id,
            regionId: account.regionId,
            date: isoDay(day),
            category: ActivityCategory.EXTERNAL,
            type,
            accountId: account.id,
            projectId: project.id,
            effortDays,
            effortHalfHours,
            ...externalDetails(rng, type, callType, day, {
              account: account.name,
              useCase: primary.name,
              product: productName.get(rng.pick(project.productIds))!,
              industry,
            }),
            createdAt: timestampOn(day, rng.int(480, 1_140), now),
          });
        }
      }
    }

    // Outcomes in the order deals closed, so the first win makes the account an existing customer.
    let won = false;
    for (const span of spans.filter((s) => s.closed).sort((a, b) => a.to - b.to)) {
      // Some closed deals just went quiet and stay ACTIVE.
      if (!rng.chance(0.85)) continue;
      const result = rng.chance(0.55) ? OutcomeResult.WON : OutcomeResult.LOST;
      span.project.status = result === OutcomeResult.WON ? ProjectStatus.WON : ProjectStatus.LOST;
      const rate = input.rates.get(rep.currency) ?? '1';
      const mrr = roundTo(rng.int(...MRR_USD_RANGE) / Number(rate), rep.currency === Currency.INR ? 1_000 : 50);
      outcomes.push({
        id: rng.uuid(),
        projectId: span.project.id,
        result,
        month: monthStartIso(span.to),
        crmLink: span.project.crmLink!,
        reason: rng.pick(result === OutcomeResult.WON ? WIN_REASONS : LOSS_REASONS),
        competitors: rng.chance(0.7) ? rng.sample(COMPETITORS, rng.int(1, 2)).join(', ') : null,
        mrrAmount: mrr.toFixed(2),
        currency: rep.currency,
        rate,
        oneTimeValue: rng.chance(0.4) ? (mrr * rng.int(2, 6)).toFixed(2) : null,
        wonById: result === OutcomeResult.WON ? (span.owners[0]?.id ?? null) : null,
        accountKind: won ? AccountKind.EXISTING : AccountKind.NEW,
        createdAt: timestampOn(span.to, rng.int(480, 1_140), now),
      });
      if (result === OutcomeResult.WON) won = true;
    }
  }

  // Internal work: meetings, enablement, content… a few times a week per person.
  const industryNames = [...DEMO_INDUSTRIES];
  for (const person of workers) {
    const regionId = input.regionIds.get(person.regions[0]) ?? null;
    const until = person.active ? today : leftDay;
    for (let week = start - ((start + 4) % 7) + 1; week <= until; week += 7) {
      const n = rng.weighted([[0, 25], [1, 40], [2, 25], [3, 10]]);
      // Everyone still on the team has logged something this week (a fresh last logged date).
      const latest = week + 7 > until;
      for (let k = 0; k < (latest ? Math.max(n, 1) : n); k += 1) {
        const day = latest ? rng.int(week, Math.min(week + 4, until)) : week + rng.int(0, 4);
        if (day < start || day > until) continue;
        const type = rng.weighted(INTERNAL_TYPE_WEIGHTS);
        const [effortDays, effortHalfHours] = effortFor(rng, type);
        activities.push({
          id: rng.uuid(),
          ownerId: person.id,
          regionId,
          date: isoDay(day),
          category: ActivityCategory.INTERNAL,
          type,
          accountId: null,
          projectId: null,
          effortDays,
          effortHalfHours,
          ...internalDetails(rng, type, {
            account: '',
            useCase: rng.pick(general).name,
            product: rng.pick(products).name,
            industry: rng.pick(industryNames),
          }),
          createdAt: timestampOn(day, rng.int(480, 1_140), now),
        });
      }
    }
  }

  const lastLoggedDates = new Map<string, string>();
  for (const a of activities) {
    const seen = lastLoggedDates.get(a.ownerId);
    if (!seen || a.date > seen) lastLoggedDates.set(a.ownerId, a.date);
  }
  return { industries, useCases, products, salesReps, accounts, projects, outcomes, activities, lastLoggedDates };
}

/** Members carry three times the deals of a manager. */
function sampleWeighted(rng: Random, people: PlanPerson[], count: number): PlanPerson[] {
  const chosen: PlanPerson[] = [];
  let pool = people;
  while (chosen.length < count && pool.length > 0) {
    const next = rng.weighted(pool.map((p) => [p, p.role === Role.MANAGER ? 1 : 3] as const));
    chosen.push(next);
    pool = pool.filter((p) => p !== next);
  }
  return chosen;
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}
