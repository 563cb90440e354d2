import type pg from 'pg';
import { ActivityCategory, ActivityType, ProjectStatus, Role, monthRange } from '@pams/shared-util';
import { UserStatus } from '@pams/server-identity';
import { ACTIVITY_COLUMNS, externalDetails, externalTypeAt, effortFor, internalDetails, INTERNAL_TYPE_WEIGHTS, type ActivityRow } from './activity-details.js';
import { copyRows } from './copy-rows.js';
import { dayFromIso, dayOf, isWeekend, isoDay, monthsBetween, timestampOn, type CalendarMonth } from './dates.js';
import { DEMO_REGIONS } from './demo-organisation.js';
import { INDUSTRY_NAME_WORDS, NAME_ROOTS, type DemoIndustry } from './demo-reference.js';
import { Random } from './random.js';

/**
 * The benchmark data set (`npm run seed -- --scale N`): exactly N activities over the months from
 * 2020-01 (the domain's first allowed date) to today, logged by generated people at a steady
 * PER_PERSON_MONTH activities each per month. One region, the benchmark region, has exactly
 * BENCH_PEOPLE of them, so any full month of it holds ~1,200 activities: the "month view for a
 * region of 20 people" of the benchmark (issue 3). The other regions share the other people.
 */
export const PER_PERSON_MONTH = 60;
export const BENCH_PEOPLE = 20;
const TARGET_MONTH = PER_PERSON_MONTH * BENCH_PEOPLE;
const FIRST_DAY = dayFromIso('2020-01-01');
/** Activities per generated account (1,000,000 → 20,000 accounts, PRODUCT.md's size to design for). */
const ACTIVITIES_PER_ACCOUNT = 50;
const EXTERNAL_SHARE = 0.75;
/** Projects a person works on in a month. */
const PORTFOLIO = 8;

export interface ScaleOptions {
  activities: number;
  /** Stored for every generated user, so that any of them can sign in (the demo password's hash). */
  passwordHash: string;
  now?: Date;
  progress: (line: string) => void;
}

/** What the benchmark needs to know about the data set (written to .data/bench-dataset.json). */
export interface BenchDataset {
  database: string;
  generatedAt: string;
  activities: number;
  span: { from: string; to: string };
  perPersonPerMonth: number;
  region: { id: string; name: string; people: number };
  /** A full month of the benchmark region with ~1,200 activities, and its dates as `date >= from and date < to`. */
  month: string;
  monthRange: { from: string; to: string };
  monthActivities: number;
  monthExternal: number;
  monthPeople: number;
}

export interface ScaleResult {
  activities: number;
  users: number;
  accounts: number;
  projects: number;
  loadMs: number;
  analyzeMs: number;
  ms: number;
  dataset: BenchDataset;
}

/** Refused instead of piling a second data set onto the first (the densities would double). */
export class ScaleRefused extends Error {}

interface Person {
  id: string;
  n: number;
  regionId: string;
  quota: number;
  lastDay: number;
}

interface ProjectRef {
  id: string;
  accountId: string;
  account: string;
  useCase: string;
  industry: string;
}

export async function seedScale(client: pg.ClientBase, options: ScaleOptions): Promise<ScaleResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const today = dayOf(now);
  const total = options.activities;
  const rng = new Random(`pams-scale-${total}`);
  const { progress } = options;

  const existing = await client.query<{ n: number }>(`select count(*)::int as n from app_user where email like 'scale.%@bench.pams'`);
  if (existing.rows[0].n > 0) {
    throw new ScaleRefused(`the database already holds a generated data set (${existing.rows[0].n} scale.*@bench.pams users): use a fresh database`);
  }
  const ref = await loadReference(client);

  // Layout: the latest months that give the benchmark region full months of ~1,200 activities.
  const all = monthsBetween(Math.max(FIRST_DAY, today - 3_653), today);
  const spanLength = Math.min(all.length, Math.max(1, Math.floor(total / TARGET_MONTH)));
  const months = all.slice(all.length - spanLength);
  const perMonth = months.map((m) => Math.round((PER_PERSON_MONTH * (m.last - m.first + 1)) / m.length));
  const capacity = perMonth.reduce((a, b) => a + b, 0);
  const peopleCount = Math.ceil(total / capacity);
  const benchRegion = ref.regions.find((r) => r.name === DEMO_REGIONS[0]) ?? ref.regions[0];
  const others = ref.regions.filter((r) => r !== benchRegion);
  const people: Person[] = [];
  let left = total;
  for (let i = 0; i < peopleCount; i += 1) {
    const regionId = i < BENCH_PEOPLE || others.length === 0 ? benchRegion.id : others[(i - BENCH_PEOPLE) % others.length].id;
    const quota = Math.min(capacity, left);
    left -= quota;
    people.push({ id: rng.uuid(), n: i + 1, regionId, quota, lastDay: 0 });
  }

  const accountCount = Math.max(20, Math.round(total / ACTIVITIES_PER_ACCOUNT));
  const { accounts, projects, byRegion } = planAccounts(rng, ref, people, accountCount, now);
  const workingDays = months.map((m) => {
    const days: number[] = [];
    for (let d = m.first; d <= m.last; d += 1) if (!isWeekend(d)) days.push(d);
    return days.length > 0 ? days : [m.first];
  });

  progress(
    `generating ${total.toLocaleString('en')} activities for ${people.length} people over ${months[0].month}..${months[months.length - 1].month}; ` +
      `benchmark region ${benchRegion.name} (${Math.min(BENCH_PEOPLE, people.length)} people × ${PER_PERSON_MONTH} a month)`,
  );
  await client.query('begin');
  try {
    const users = await copyRows(
      client,
      'app_user',
      ['id', 'version', 'created_at', 'updated_at', 'email', 'name', 'role', 'status', 'must_change_password', 'password_hash', 'default_region_id'],
      people.map((p) => [
        p.id, 1, now, now, `scale.${p.n}@bench.pams`, personName(p.n),
        // The first generated person of each region leads it.
        p.n === 1 || (p.n > BENCH_PEOPLE && p.n <= BENCH_PEOPLE + others.length) ? Role.MANAGER : Role.MEMBER,
        UserStatus.ACTIVE, false, options.passwordHash, p.regionId,
      ]),
    );
    await copyRows(client, 'app_user_region', ['user_id', 'region_id'], people.map((p) => [p.id, p.regionId]));
    await copyRows(client, 'account', ['id', 'version', 'created_at', 'updated_at', 'name', 'industry_id', 'sales_rep_id', 'crm_link'], accounts);
    await copyRows(client, 'project', ['id', 'version', 'created_at', 'updated_at', 'account_id', 'name', 'status', 'primary_use_case_id', 'crm_link'], projects);
    progress(`people ${users}, accounts ${accounts.length.toLocaleString('en')}, projects ${projects.length.toLocaleString('en')} written`);

    const loadStarted = Date.now();
    let reported = 0;
    const written = await copyRows(
      client,
      'activity',
      ACTIVITY_COLUMNS.map(([column]) => column),
      activityRows(rng, people, months, perMonth, workingDays, byRegion, ref, now),
      (count) => {
        if (count - reported < 100_000 && count < total) return;
        reported = count;
        const seconds = Math.max((Date.now() - loadStarted) / 1000, 0.001);
        progress(`activities: ${count.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round(count / seconds).toLocaleString('en')} rows/s)`);
      },
    );
    const loadMs = Date.now() - loadStarted;

    // B-003 for the generated people too.
    await client.query(
      `update app_user u set last_logged_date = v.d from unnest($1::uuid[], $2::date[]) as v(id, d) where u.id = v.id`,
      [people.map((p) => p.id), people.map((p) => (p.lastDay > 0 ? isoDay(p.lastDay) : null))],
    );
    // Bulk rows bypass the unit of work and its per-record audit: one event per table says what was done.
    for (const [entityType, rows] of [['User', users], ['Account', accounts.length], ['Project', projects.length], ['Activity', written]] as const) {
      await client.query(
        `insert into audit_event (actor_kind, action, entity_type, changes, request_id) values ('system', 'seed.scale', $1, $2, 'seed')`,
        [entityType, JSON.stringify({ rows: { before: 0, after: rows } })],
      );
    }
    await client.query('commit');

    // VACUUM as well as ANALYZE: a benchmark should not pay for the hint bits and visibility map
    // that the first reads after a bulk load would otherwise write.
    const analyzeStarted = Date.now();
    progress('vacuum analyze…');
    // The COPY left its report rollup deltas (docs/adr/0013): fold them in, as the scheduled job would.
    await client.query('select pams_activity_rollup_compact()');
    await client.query('vacuum (analyze) app_user, app_user_region, account, project, activity, activity_rollup, activity_rollup_region, activity_rollup_delta, activity_rollup_industry, activity_rollup_sales_rep, activity_rollup_use_case');
    const analyzeMs = Date.now() - analyzeStarted;

    const dataset = await describeDataset(client, benchRegion, today, months, total, now);
    return { activities: written, users, accounts: accounts.length, projects: projects.length, loadMs, analyzeMs, ms: Date.now() - started, dataset };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

interface Reference {
  regions: { id: string; name: string }[];
  repsByRegion: Map<string, string[]>;
  industries: { id: string; name: string }[];
  general: string[][];
  useCasesByIndustry: Map<string, string[][]>;
  products: string[];
}

/** The demo organisation's reference data, which the generated accounts and projects use. */
async function loadReference(client: pg.ClientBase): Promise<Reference> {
  const reps = (await client.query<{ id: string; region_id: string }>(`select id, region_id from sales_rep where active order by email`)).rows;
  const repsByRegion = new Map<string, string[]>();
  for (const rep of reps) repsByRegion.set(rep.region_id, [...(repsByRegion.get(rep.region_id) ?? []), rep.id]);
  // Only regions with a sales rep can have accounts of their own.
  const regions = (await client.query<{ id: string; name: string }>('select id, name from region order by name')).rows.filter((r) => repsByRegion.has(r.id));
  const industries = (await client.query<{ id: string; name: string }>('select id, name from industry where active order by name')).rows;
  const useCases = (await client.query<{ id: string; name: string; industry_id: string | null }>('select id, name, industry_id from use_case where active order by name')).rows;
  const products = (await client.query<{ name: string }>('select name from product where active order by name')).rows.map((p) => p.name);
  if (regions.length === 0 || industries.length === 0 || useCases.length === 0 || products.length === 0) {
    throw new Error('no reference data (regions with sales reps, industries, use cases, products): seed the demo organisation first');
  }
  const general = useCases.filter((u) => u.industry_id === null).map((u) => [u.id, u.name]);
  const useCasesByIndustry = new Map<string, string[][]>();
  for (const u of useCases) if (u.industry_id) useCasesByIndustry.set(u.industry_id, [...(useCasesByIndustry.get(u.industry_id) ?? []), [u.id, u.name]]);
  return { regions, repsByRegion, industries, general: general.length > 0 ? general : useCases.map((u) => [u.id, u.name]), useCasesByIndustry, products };
}

/** Accounts per region in proportion to its people; 1–4 projects each (about a third with one). */
function planAccounts(rng: Random, ref: Reference, people: Person[], count: number, now: Date) {
  const weight = new Map<string, number>();
  for (const p of people) weight.set(p.regionId, (weight.get(p.regionId) ?? 0) + 1);
  const regionWeights = ref.regions.filter((r) => weight.has(r.id)).map((r) => [r.id, weight.get(r.id)!] as const);
  const accounts: unknown[][] = [];
  const projects: unknown[][] = [];
  const byRegion = new Map<string, ProjectRef[]>();
  const suffixes = ['', ' pilot', ' rollout', ' – phase 2'];
  for (let i = 0; i < count; i += 1) {
    const regionId = i < regionWeights.length ? regionWeights[i][0] : rng.weighted(regionWeights);
    const industry = rng.pick(ref.industries);
    const words = INDUSTRY_NAME_WORDS[industry.name as DemoIndustry] ?? ['Group'];
    // A number keeps generated names unique among themselves and apart from the demo's.
    const name = `${rng.pick(NAME_ROOTS)} ${rng.pick(words)} ${i + 1}`;
    const id = rng.uuid();
    const created = timestampOn(FIRST_DAY + rng.int(0, 60), rng.int(480, 1_140), now);
    accounts.push([id, 1, created, created, name, industry.id, rng.pick(ref.repsByRegion.get(regionId)!), rng.chance(0.88) ? `https://crm.example.com/accounts/B-${i + 1}` : null]);
    const own = ref.useCasesByIndustry.get(industry.id) ?? [];
    const n = rng.weighted([[1, 35], [2, 35], [3, 20], [4, 10]]);
    for (let k = 0; k < n; k += 1) {
      const [useCaseId, useCase] = own.length > 0 && rng.chance(0.3) ? rng.pick(own) : rng.pick(ref.general);
      const projectId = rng.uuid();
      projects.push([projectId, 1, created, created, id, `${useCase}${suffixes[k]}`, ProjectStatus.ACTIVE, useCaseId, rng.chance(0.85) ? `https://crm.example.com/opportunities/B-${i + 1}-${k + 1}` : null]);
      const list = byRegion.get(regionId) ?? [];
      list.push({ id: projectId, accountId: id, account: name, useCase, industry: industry.name });
      byRegion.set(regionId, list);
    }
  }
  return { accounts, projects, byRegion };
}

/**
 * Each person's quota, newest month first (someone with a smaller quota joined later): the
 * month's count on random working days, three in four with a customer on one of the person's
 * projects of the month, the rest internal work. Rows go straight to COPY.
 */
function* activityRows(
  rng: Random,
  people: Person[],
  months: CalendarMonth[],
  perMonth: number[],
  workingDays: number[][],
  byRegion: Map<string, ProjectRef[]>,
  ref: Reference,
  now: Date,
): Generator<unknown[]> {
  const portfolio: ProjectRef[] = [];
  for (const person of people) {
    const pool = byRegion.get(person.regionId)!;
    let quota = person.quota;
    for (let m = months.length - 1; m >= 0 && quota > 0; m -= 1) {
      const count = Math.min(perMonth[m], quota);
      quota -= count;
      const days = workingDays[m];
      portfolio.length = 0;
      for (let k = 0; k < PORTFOLIO; k += 1) portfolio.push(pool[Math.floor(rng.next() * pool.length)]);
      for (let k = 0; k < count; k += 1) {
        const day = days[Math.floor(rng.next() * days.length)];
        if (day > person.lastDay) person.lastDay = day;
        const row = rng.chance(EXTERNAL_SHARE) ? externalRow(rng, person, day, rng.pick(portfolio), ref, now) : internalRow(rng, person, day, ref, now);
        yield ACTIVITY_COLUMNS.map(([, , value]) => value(row));
      }
    }
  }
}

function externalRow(rng: Random, person: Person, day: number, project: ProjectRef, ref: Reference, now: Date): ActivityRow {
  const [type, callType] = externalTypeAt(rng, rng.next());
  const [effortDays, effortHalfHours] = effortFor(rng, type);
  return {
    id: rng.uuid(),
    ownerId: person.id,
    regionId: person.regionId,
    date: isoDay(day),
    category: ActivityCategory.EXTERNAL,
    type,
    accountId: project.accountId,
    projectId: project.id,
    effortDays,
    effortHalfHours,
    ...externalDetails(rng, type, callType, day, { account: project.account, useCase: project.useCase, product: rng.pick(ref.products), industry: project.industry }),
    createdAt: timestampOn(day, rng.int(480, 1_140), now),
  };
}

function internalRow(rng: Random, person: Person, day: number, ref: Reference, now: Date): ActivityRow {
  const type: ActivityType = rng.weighted(INTERNAL_TYPE_WEIGHTS);
  const [effortDays, effortHalfHours] = effortFor(rng, type);
  return {
    id: rng.uuid(),
    ownerId: person.id,
    regionId: person.regionId,
    date: isoDay(day),
    category: ActivityCategory.INTERNAL,
    type,
    accountId: null,
    projectId: null,
    effortDays,
    effortHalfHours,
    ...internalDetails(rng, type, { account: '', useCase: rng.pick(ref.general)[1], product: rng.pick(ref.products), industry: rng.pick(ref.industries).name }),
    createdAt: timestampOn(day, rng.int(480, 1_140), now),
  };
}

const FIRST = ['Aarav', 'Aditi', 'Akash', 'Amina', 'Ana', 'Carlos', 'Chen', 'Deepa', 'Elena', 'Farah', 'Gabriel', 'Hiro', 'Ishaan', 'Jia', 'Kofi', 'Leila', 'Lucia', 'Mohan', 'Nadia', 'Olga', 'Pedro', 'Quynh', 'Ravi', 'Sara', 'Tariq', 'Uma', 'Vera', 'Wen', 'Yusuf', 'Zara'];
const LAST = ['Agarwal', 'Baptiste', 'Chowdhury', 'Da Silva', 'Eriksen', 'Fernandes', 'Gupta', 'Hassan', 'Ito', 'Jansen', 'Kapoor', 'Lim', 'Moreau', 'Nakamura', 'Ortiz', 'Pillai', 'Qureshi', 'Reddy', 'Sato', 'Tanaka', 'Usman', 'Varga', 'Wong', 'Yilmaz', 'Zhou'];

function personName(n: number): string {
  return `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
}

/**
 * Finds the benchmark's month in what was actually written: a full month of the benchmark region
 * closest to 20 people and 1,200 activities (demo activities of the last two years count too), the
 * latest on a tie.
 */
async function describeDataset(
  client: pg.ClientBase,
  region: { id: string; name: string },
  today: number,
  months: CalendarMonth[],
  total: number,
  now: Date,
): Promise<BenchDataset> {
  const current = isoDay(today).slice(0, 7);
  const stats = (
    await client.query<{ month: string; n: number; external: number; people: number }>(
      `select to_char(date, 'YYYY-MM') as month, count(*)::int as n,
              count(*) filter (where category = 'EXTERNAL')::int as external, count(distinct owner_id)::int as people
         from activity where region_id = $1 and deleted_at is null group by 1 order by 1`,
      [region.id],
    )
  ).rows;
  const full = stats.filter((s) => s.month < current);
  const candidates = full.length > 0 ? full : stats;
  let best = candidates[candidates.length - 1];
  const score = (s: (typeof stats)[number]) => Math.abs(s.n - TARGET_MONTH) + PER_PERSON_MONTH * Math.abs(s.people - BENCH_PEOPLE);
  for (const s of candidates) if (score(s) <= score(best)) best = s;
  const people = (await client.query<{ n: number }>('select count(*)::int as n from app_user_region where region_id = $1', [region.id])).rows[0].n;
  const database = (await client.query<{ name: string }>('select current_database() as name')).rows[0].name;
  return {
    database,
    generatedAt: now.toISOString(),
    activities: total,
    span: { from: `${months[0].month}-01`, to: isoDay(today) },
    perPersonPerMonth: PER_PERSON_MONTH,
    region: { id: region.id, name: region.name, people },
    month: best?.month ?? current,
    monthRange: monthRange(best?.month ?? current),
    monthActivities: best?.n ?? 0,
    monthExternal: best?.external ?? 0,
    monthPeople: best?.people ?? 0,
  };
}
