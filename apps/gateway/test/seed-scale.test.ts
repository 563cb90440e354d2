import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@pams/gateway';
import { EXTERNAL_TYPES, INTERNAL_TYPES, monthRange } from '@pams/shared-util';
import { cloneTestDatabase } from './support/test-database.js';

/** The seed's today (UTC), whatever the server's time zone. */
const TODAY = `(now() at time zone 'UTC')::date`;
const GENERATED = `(select id from app_user where email like 'scale.%@bench.pams')`;

/**
 * `npm run seed -- --scale N`: exactly N activities, obeying the schema's and the domain's rules,
 * shaped for the benchmark — a region of 20 generated people with 60 activities each per month.
 */
describe('npm run seed -- --scale', { timeout: 120_000 }, () => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let dataset: Record<string, any>;
  beforeAll(async () => {
    const db = await cloneTestDatabase();
    url = db.url;
    drop = db.drop;
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-scale-'));
    run = await seed(['--scale', '20000', '--dataset', path.join(dir, 'bench.json')], url);
    dataset = JSON.parse(await fs.readFile(path.join(dir, 'bench.json'), 'utf8'));
  });
  afterAll(async () => {
    await drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates the demo organisation, then exactly 20,000 activities with progress and a summary', async () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('demo organisation created');
    expect(run.stdout).toContain('activities: 20,000 / 20,000');
    expect(run.stdout).toMatch(/generated 20,000 activities, \d+ people, 400 accounts, [\d,]+ projects in [\d.]+ s/);
    const [counts] = await sql(url, `select count(*)::int as n, count(*) filter (where owner_id in ${GENERATED})::int as generated from activity`);
    expect(counts.generated).toBe(20_000);
    const [demo] = await sql(url, `select (changes->'rows'->>'after')::int as n from audit_event where action = 'seed.demo' and entity_type = 'Activity'`);
    expect(counts.n).toBe(20_000 + demo.n);
  });

  it('obeys the domain rules: each EXTERNAL activity with an account and a project of that account', async () => {
    const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');
    const broken = await sql(
      url,
      `select a.id, a.type from activity a left join project p on p.id = a.project_id
        where a.owner_id in ${GENERATED} and (
              a.date < '2020-01-01' or a.date > ${TODAY} or a.region_id is null
           or (a.category = 'EXTERNAL' and (a.type not in (${list(EXTERNAL_TYPES)}) or a.account_id is null or p.account_id is distinct from a.account_id))
           or (a.category = 'INTERNAL' and (a.type not in (${list(INTERNAL_TYPES)}) or a.project_id is not null or coalesce(a.name, '') = ''))
           or (a.effort_days is null and a.effort_half_hours is null and a.type <> 'ENABLEMENT')
           or ((a.type = 'CUSTOMER_CALL') <> (a.call_type is not null)) or (a.type = 'CUSTOMER_CALL' and coalesce(a.minutes_of_meeting, '') = '')
           or ((a.type = 'SOW') <> (a.sow_link is not null))
           or (a.type = 'POC' and (a.poc_access_type is null or coalesce(a.poc_use_case, '') = ''))
           or (a.poc_access_type = 'SANDBOX' and (a.poc_start_date is null or a.poc_end_date is null))
           or (a.type = 'RFX' and (a.rfx_type is null or a.submission_deadline is null)))
        limit 20`,
    );
    expect(broken).toEqual([]);
    const [mix] = await sql(
      url,
      `select count(*) filter (where category = 'EXTERNAL')::float8 / count(*) as external, count(distinct type)::int as types
         from activity where owner_id in ${GENERATED}`,
    );
    expect(mix.external).toBeGreaterThan(0.65);
    expect(mix.external).toBeLessThan(0.85);
    expect(mix.types).toBe(EXTERNAL_TYPES.length + INTERNAL_TYPES.length);
    // Accounts of generated activities belong to the activity's region (through their sales rep).
    const [elsewhere] = await sql(
      url,
      `select count(*)::int as n from activity a join account c on c.id = a.account_id join sales_rep s on s.id = c.sales_rep_id
        where a.owner_id in ${GENERATED} and s.region_id <> a.region_id`,
    );
    expect(elsewhere.n).toBe(0);
  });

  it('has a region of 20 people with 1,200 of their activities in every full month, as the dataset file says', async () => {
    expect(dataset).toMatchObject({ activities: 20_000, perPersonPerMonth: 60, region: { name: 'India South' } });
    expect(dataset.month).toMatch(/^\d{4}-\d{2}$/);
    expect(dataset.monthRange).toEqual(monthRange(dataset.month));
    const months = await sql(
      url,
      `select to_char(date, 'YYYY-MM') as month, count(*)::int as n, count(distinct owner_id)::int as people
         from activity where region_id = $1 and owner_id in ${GENERATED} and date < date_trunc('month', ${TODAY})
        group by 1 order by 1`,
      [dataset.region.id],
    );
    // 20,000 / 1,200 → the latest 16 months, the current one partly.
    expect(months.length).toBe(15);
    for (const m of months) expect(m).toEqual({ month: m.month, n: 1_200, people: 20 });

    // The file's numbers are the database's, demo activities of that region and month included.
    const [chosen] = await sql(
      url,
      `select count(*)::int as n, count(*) filter (where category = 'EXTERNAL')::int as external, count(distinct owner_id)::int as people
         from activity where region_id = $1 and to_char(date, 'YYYY-MM') = $2`,
      [dataset.region.id, dataset.month],
    );
    expect(chosen).toEqual({ n: dataset.monthActivities, external: dataset.monthExternal, people: dataset.monthPeople });
    expect(dataset.monthActivities).toBeGreaterThanOrEqual(1_200);
    expect(dataset.monthActivities).toBeLessThan(1_500);
    expect(dataset.monthPeople).toBeGreaterThanOrEqual(20);
    expect(dataset.monthPeople).toBeLessThanOrEqual(30);
  });

  it('gives the generated people their last logged date and audits each bulk table once', async () => {
    const wrong = await sql(
      url,
      `select u.email from app_user u left join (select owner_id, max(date) as d from activity group by owner_id) m on m.owner_id = u.id
        where u.id in ${GENERATED} and u.last_logged_date is distinct from m.d`,
    );
    expect(wrong).toEqual([]);
    const events = await sql(url, `select entity_type, changes from audit_event where action = 'seed.scale' order by entity_type`);
    const [people] = await sql(url, `select count(*)::int as n from app_user where email like 'scale.%@bench.pams'`);
    expect(events).toEqual([
      { entity_type: 'Account', changes: { rows: { before: 0, after: 400 } } },
      { entity_type: 'Activity', changes: { rows: { before: 0, after: 20_000 } } },
      { entity_type: 'Project', changes: { rows: { before: 0, after: expect.any(Number) } } },
      { entity_type: 'User', changes: { rows: { before: 0, after: people.n } } },
    ]);
  });

  it('refuses a second data set on the same database, changing nothing', async () => {
    const [before] = await sql(url, 'select count(*)::int as n from activity');
    const again = await seed(['--scale', '1000', '--dataset', path.join(dir, 'again.json')], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--scale refused: the database already holds a generated data set');
    expect(await sql(url, 'select count(*)::int as n from activity')).toEqual([before]);
  });
});

function seed(args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/seed/seed.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function sql(url: string, text: string, params: unknown[] = []): Promise<Record<string, any>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
