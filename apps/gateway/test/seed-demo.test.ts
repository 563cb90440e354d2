import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '@pams/gateway';
import { CallType, Currency, EXTERNAL_TYPES, INTERNAL_TYPES, PocAccessType, RfxType, UseCaseBucket } from '@pams/shared-util';
import { cloneTestDatabase } from './support/test-database.js';

/** The seed's today (UTC), whatever the server's time zone. */
const TODAY = `(now() at time zone 'UTC')::date`;

/**
 * The demo organisation as `npm start` creates it: every kind of row, related consistently, every
 * activity obeying the domain rules of PRODUCT.md, and the same data from the same seed.
 */
describe('demo organisation', { timeout: 120_000 }, () => {
  let url: string;
  let twinUrl: string;
  const drops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const [db, twin] = await Promise.all([cloneTestDatabase(), cloneTestDatabase()]);
    drops.push(db.drop, twin.drop);
    url = db.url;
    twinUrl = twin.url;
    const runs = await Promise.all([seed(url), seed(twinUrl)]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
  });
  afterAll(() => Promise.all(drops.map((drop) => drop())));

  it('has reference data: industries, use cases in the four buckets, products, sales reps with currencies, rates', async () => {
    const [counts] = await sql(
      url,
      `select (select count(*) from industry)::int as industries, (select count(*) from product)::int as products,
              (select count(*) from sales_rep)::int as reps, (select count(distinct region_id) from sales_rep)::int as rep_regions,
              (select count(distinct currency) from sales_rep)::int as rep_currencies`,
    );
    expect(counts.industries).toBeGreaterThanOrEqual(15);
    expect(counts.products).toBeGreaterThanOrEqual(10);
    expect(counts.reps).toBeGreaterThanOrEqual(30);
    expect(counts.rep_regions).toBe(9);
    expect(counts.rep_currencies).toBe(Object.keys(Currency).length);

    const buckets = await sql(url, `select bucket, count(*) filter (where industry_id is null)::int as general, count(industry_id)::int as specific from use_case group by bucket order by bucket`);
    expect(buckets.map((b) => b.bucket)).toEqual(Object.values(UseCaseBucket).sort());
    for (const b of buckets) expect(b.general).toBeGreaterThan(0);
    expect(buckets.reduce((n, b) => n + b.specific, 0)).toBeGreaterThanOrEqual(30);

    const rates = await sql(url, 'select currency, rate_to_reporting::float8 as rate from currency_rate order by currency');
    expect(rates).toEqual([
      { currency: 'AED', rate: 0.2723 },
      { currency: 'BRL', rate: 0.2 },
      { currency: 'EUR', rate: 1.08 },
      { currency: 'GBP', rate: 1.27 },
      { currency: 'INR', rate: 0.012 },
      { currency: 'USD', rate: 1 },
    ]);
  });

  it('has ~300 accounts with industry and rep, 1–4 projects each, some with exactly one (P-004)', async () => {
    const [accounts] = await sql(url, `select count(*)::int as n, count(industry_id)::int as with_industry, count(sales_rep_id)::int as with_rep, count(crm_link)::int as with_crm from account`);
    expect(accounts.n).toBe(300);
    expect(accounts.with_industry).toBe(300);
    expect(accounts.with_rep).toBe(300);
    // Some missing CRM links, for the report that lists them.
    expect(accounts.with_crm).toBeLessThan(300);
    expect(accounts.with_crm).toBeGreaterThan(200);

    const perAccount = await sql(url, `select n, count(*)::int as accounts from (select a.id, count(p.id)::int as n from account a left join project p on p.account_id = a.id group by a.id) x group by n order by n`);
    expect(perAccount.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(perAccount[0].accounts).toBeGreaterThan(50);

    // Projects: owners are presales people of the account's region; products and use cases set;
    // secondary use cases belong to the account's industry.
    const badProjects = await sql(
      url,
      `select p.id from project p join account a on a.id = p.account_id join sales_rep s on s.id = a.sales_rep_id
        where p.primary_use_case_id is null
           or not exists (select 1 from project_product pp where pp.project_id = p.id)
           or not exists (select 1 from project_owner po where po.project_id = p.id)
           or exists (select 1 from project_owner po join app_user u on u.id = po.user_id
                       where po.project_id = p.id and (u.role not in ('MEMBER', 'MANAGER')
                         or not exists (select 1 from app_user_region r where r.user_id = u.id and r.region_id = s.region_id)))
           or exists (select 1 from project_secondary_use_case ps join use_case u on u.id = ps.use_case_id
                       where ps.project_id = p.id and u.industry_id is distinct from a.industry_id)`,
    );
    expect(badProjects).toEqual([]);
    const [secondary] = await sql(url, 'select count(distinct project_id)::int as n from project_secondary_use_case');
    expect(secondary.n).toBeGreaterThan(100);
  });

  it('gives every activity its required details, effort and a project of its account', async () => {
    expect(await ruleViolations(url)).toEqual([]);
    const types = await sql(url, 'select distinct type from activity order by type');
    expect(types.map((t) => t.type)).toEqual([...EXTERNAL_TYPES, ...INTERNAL_TYPES].sort());
    const calls = await sql(url, 'select distinct call_type from activity where call_type is not null order by 1');
    expect(calls.map((c) => c.call_type)).toEqual(Object.values(CallType).sort());
    const pocs = await sql(url, 'select distinct poc_access_type from activity where poc_access_type is not null order by 1');
    expect(pocs.map((c) => c.poc_access_type)).toEqual(Object.values(PocAccessType).sort());
    const rfx = await sql(url, 'select distinct rfx_type from activity where rfx_type is not null order by 1');
    expect(rfx.map((c) => c.rfx_type)).toEqual(Object.values(RfxType).sort());

    const [effort] = await sql(
      url,
      `select count(effort_days)::int as days, count(effort_half_hours)::int as half_hours,
              count(*) filter (where type = 'ENABLEMENT' and effort_days is null and effort_half_hours is null)::int as enablement_without,
              count(*) filter (where effort_half_hours % 2 = 1)::int as half_steps
         from activity`,
    );
    expect(effort.days).toBeGreaterThan(0);
    expect(effort.half_hours).toBeGreaterThan(0);
    expect(effort.enablement_without).toBeGreaterThan(0);
    expect(effort.half_steps).toBeGreaterThan(0);
  });

  it('spans two years up to today for every active member and manager, with their last logged date', async () => {
    const [span] = await sql(url, `select (${TODAY} - min(date))::int as back, (${TODAY} - max(date))::int as ahead, count(*)::int as n from activity`);
    expect(span.back).toBeGreaterThanOrEqual(700);
    expect(span.back).toBeLessThanOrEqual(731);
    expect(span.ahead).toBeGreaterThanOrEqual(0);
    expect(span.ahead).toBeLessThanOrEqual(4);
    expect(span.n).toBeGreaterThan(10_000);

    const idle = await sql(
      url,
      `select email from app_user u where u.status = 'ACTIVE' and u.role in ('MEMBER', 'MANAGER')
          and not exists (select 1 from activity a where a.owner_id = u.id and a.date >= ${TODAY} - 31)`,
    );
    expect(idle).toEqual([]);
    // Only presales people log work.
    const others = await sql(url, `select distinct u.role from activity a join app_user u on u.id = a.owner_id where u.role not in ('MEMBER', 'MANAGER')`);
    expect(others).toEqual([]);
    // B-003: the last logged date is the date of the user's latest activity (null without any).
    const wrong = await sql(
      url,
      `select u.email from app_user u left join (select owner_id, max(date) as d from activity group by owner_id) m on m.owner_id = u.id
        where u.last_logged_date is distinct from m.d`,
    );
    expect(wrong).toEqual([]);
    // An EXTERNAL activity is in its account's region, which is one of its owner's regions.
    const misplaced = await sql(
      url,
      `select a.id from activity a join account c on c.id = a.account_id join sales_rep s on s.id = c.sales_rep_id
        where a.region_id <> s.region_id
           or not exists (select 1 from app_user_region r where r.user_id = a.owner_id and r.region_id = a.region_id)`,
    );
    expect(misplaced).toEqual([]);
  });

  it('records outcomes that match project statuses, with months, CRM links, reasons and MRR at the stored rate', async () => {
    const mismatched = await sql(
      url,
      `select p.id from project p left join outcome o on o.project_id = p.id
        where (p.status = 'ACTIVE' and o.id is not null) or (p.status <> 'ACTIVE' and (o.id is null or o.result <> p.status))`,
    );
    expect(mismatched).toEqual([]);
    const bad = await sql(
      url,
      `select o.id from outcome o join project p on p.id = o.project_id join account a on a.id = p.account_id
         join sales_rep s on s.id = a.sales_rep_id join currency_rate c on c.currency = o.currency
         left join app_user w on w.id = o.won_by_id
        where o.month <> date_trunc('month', o.month)::date or o.month > ${TODAY}
           or o.crm_link = '' or o.reason = '' or o.mrr_amount is null or o.mrr_amount <= 0
           or o.rate <> c.rate_to_reporting or o.currency <> s.currency or o.account_kind is null
           or (o.result = 'WON' and (w.id is null or w.role not in ('MEMBER', 'MANAGER')
                 or not exists (select 1 from project_owner po where po.project_id = p.id and po.user_id = w.id)))
           -- no work logged on a deal after the month it was decided
           or exists (select 1 from activity x where x.project_id = p.id and x.date >= (o.month + interval '1 month'))`,
    );
    expect(bad).toEqual([]);
    const summary = await sql(url, `select result, count(*)::int as n, count(distinct currency)::int as currencies, count(distinct to_char(month, 'YYYY-MM'))::int as months from outcome group by result order by result`);
    expect(summary.map((s) => s.result)).toEqual(['LOST', 'WON']);
    for (const s of summary) {
      expect(s.n).toBeGreaterThan(50);
      expect(s.currencies).toBeGreaterThanOrEqual(4);
      expect(s.months).toBeGreaterThanOrEqual(18);
    }
    // A second win at an account is an existing customer's.
    const kinds = await sql(url, 'select distinct account_kind from outcome order by 1');
    expect(kinds.map((k) => k.account_kind)).toEqual(['EXISTING', 'NEW']);
  });

  it('audits every row written through the unit of work, and the bulk activities in one event', async () => {
    const events = await sql(url, `select action, entity_type, count(*)::int as n from audit_event where request_id = 'seed' and actor_kind = 'system' group by 1, 2 order by 1, 2`);
    const counted = await sql(
      url,
      `select 'Account' as t, count(*)::int as n from account union all select 'Outcome', count(*)::int from outcome
       union all select 'Project', count(*)::int from project union all select 'SalesRep', count(*)::int from sales_rep
       union all select 'UseCase', count(*)::int from use_case union all select 'Industry', count(*)::int from industry
       union all select 'Product', count(*)::int from product union all select 'CurrencyRate', count(*)::int from currency_rate`,
    );
    for (const { t, n } of counted) expect(events).toContainEqual({ action: `${t}.created`, entity_type: t, n });
    expect(events.filter((e) => e.entity_type === 'Activity')).toEqual([{ action: 'seed.demo', entity_type: 'Activity', n: 1 }]);
    const [bulk] = await sql(url, `select changes from audit_event where action = 'seed.demo' and entity_type = 'Activity'`);
    const [activities] = await sql(url, 'select count(*)::int as n from activity');
    expect(bulk.changes).toEqual({ rows: { before: 0, after: activities.n } });
  });

  it('is the same organisation from the same seed, ids included', async () => {
    const [a, b] = await Promise.all([contentHash(url), contentHash(twinUrl)]);
    expect(a).toEqual(b);
  });
});

/** Activities breaking a rule of PRODUCT.md ("Domain"); an empty list when all obey. */
async function ruleViolations(url: string): Promise<Record<string, any>[]> {
  const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');
  return sql(
    url,
    `select a.id, a.type, a.category from activity a left join project p on p.id = a.project_id
      where a.date < '2020-01-01' or a.date > ${TODAY} or a.region_id is null or a.deleted_at is not null
         or (a.category = 'EXTERNAL' and (a.type not in (${list(EXTERNAL_TYPES)}) or a.account_id is null or p.account_id is distinct from a.account_id or a.name is not null))
         or (a.category = 'INTERNAL' and (a.type not in (${list(INTERNAL_TYPES)}) or a.account_id is not null or a.project_id is not null or coalesce(a.name, '') = ''))
         or (a.effort_days is null and a.effort_half_hours is null and a.type <> 'ENABLEMENT')
         or (a.effort_days is not null and a.effort_half_hours is not null)
         or ((a.type = 'CUSTOMER_CALL') <> (a.call_type is not null)) or (a.type = 'CUSTOMER_CALL' and coalesce(a.minutes_of_meeting, '') = '')
         or ((a.type = 'SOW') <> (coalesce(a.sow_link, '') <> ''))
         or ((a.type = 'POC') <> (a.poc_access_type is not null)) or (a.type = 'POC' and coalesce(a.poc_use_case, '') = '')
         or (a.poc_access_type = 'SANDBOX' and (a.poc_start_date is null or a.poc_end_date is null)) or a.poc_end_date < a.poc_start_date
         or ((a.type = 'RFX') <> (a.rfx_type is not null)) or (a.type = 'RFX' and a.submission_deadline is null)
      limit 20`,
  );
}

/** Everything the seed chose (not when it ran): equal for two runs of the same seed on the same day. */
async function contentHash(url: string): Promise<Record<string, any>[]> {
  return sql(
    url,
    `select 'activity' as t, md5(string_agg(concat_ws('|', id, owner_id, region_id, date, type, account_id, project_id, effort_days, effort_half_hours,
            call_type, minutes_of_meeting, sow_link, poc_access_type, poc_use_case, poc_start_date, poc_end_date, rfx_type, submission_deadline,
            name, topic, description), ',' order by id)) as h from activity
     union all select 'account', md5(string_agg(concat_ws('|', id, name, industry_id, sales_rep_id, crm_link), ',' order by id)) from account
     union all select 'project', md5(string_agg(concat_ws('|', id, account_id, name, status, primary_use_case_id, crm_link), ',' order by id)) from project
     union all select 'project_owner', md5(string_agg(concat_ws('|', project_id, user_id), ',' order by project_id, user_id)) from project_owner
     union all select 'outcome', md5(string_agg(concat_ws('|', id, project_id, result, month, crm_link, reason, competitors, mrr_amount, currency, rate,
            one_time_value, won_by_id, account_kind), ',' order by id)) from outcome
     union all select 'app_user', md5(string_agg(concat_ws('|', id, email, role, status, default_region_id, last_logged_date), ',' order by id)) from app_user`,
  );
}

function seed(databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/seed/seed.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function sql(url: string, text: string): Promise<Record<string, any>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
