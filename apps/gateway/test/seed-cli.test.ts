import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot, withDatabase } from '@pams/gateway';
import { verifyPassword } from '@pams/server-identity';
import { adminQuery, cloneTestDatabase } from './support/test-database.js';

/** `npm run seed` as a developer runs it: the real CLI in its own process, against its own database. */
// Each case spawns the CLI (tsx start-up, argon2): allow for a loaded 2-core CI machine.
describe('npm run seed', { timeout: 90_000 }, () => {
  let databaseUrl: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await cloneTestDatabase();
    databaseUrl = db.url;
    drop = db.drop;
  });
  afterAll(() => drop());

  it('creates the demo organisation on an empty database', async () => {
    const run = await seed([], { DATABASE_URL: databaseUrl });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('demo organisation created: 9 regions');

    const regions = await sql(databaseUrl, 'select name from region order by name');
    expect(regions.map((r) => r.name)).toEqual(
      ['Africa & Europe', 'India North', 'India South', 'India West', 'Inside Sales', 'LATAM', 'MENA', 'ROW', 'SEA'],
    );
    const roles = await sql(databaseUrl, 'select role, count(*)::int as n from app_user group by role order by role');
    expect(roles.map((r) => r.role)).toEqual(['ADMIN', 'ANALYST', 'LEADER', 'MANAGER', 'MEMBER']);
    const total = roles.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(45);

    // Every user has a default region among their regions; every region has a manager leading it.
    const orphans = await sql(
      databaseUrl,
      `select email from app_user u where u.default_region_id is null
          or not exists (select 1 from app_user_region r where r.user_id = u.id and r.region_id = u.default_region_id)`,
    );
    expect(orphans).toEqual([]);
    const unled = await sql(
      databaseUrl,
      `select name from region g where not exists (
         select 1 from app_user_region r join app_user u on u.id = r.user_id where r.region_id = g.id and u.role = 'MANAGER')`,
    );
    expect(unled).toEqual([]);
    const [multi] = await sql(
      databaseUrl,
      `select count(*)::int as n from (select u.id from app_user u join app_user_region r on r.user_id = u.id
         where u.role = 'MANAGER' group by u.id having count(*) > 1) m`,
    );
    expect(multi.n).toBeGreaterThan(0);

    // One hash of the demo password, shared, and it verifies.
    const hashes = await sql(databaseUrl, 'select distinct password_hash from app_user');
    expect(hashes).toHaveLength(1);
    expect(hashes[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hashes[0].password_hash, 'demo-password')).toBe(true);

    // Written through the unit of work: each row audited, as system work of the seed.
    const events = await sql(
      databaseUrl,
      `select action, count(*)::int as n from audit_event where actor_kind = 'system' and request_id = 'seed' group by action order by action`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'Region.created', n: 9 },
        { action: 'User.created', n: total },
      ]),
    );
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = await fingerprint(databaseUrl);
    const run = await seed([], { DATABASE_URL: databaseUrl });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('already has users');
    expect(await fingerprint(databaseUrl)).toEqual(before);
  });

  it('gives a database seeded before the domain existed the domain for its demo users', async () => {
    const before = await sql(databaseUrl, `select count(*)::int as n, md5(string_agg(id::text, ',' order by id)) as ids from activity`);
    await sql(
      databaseUrl,
      `truncate activity, outcome_import_row, outcome_import, outcome, project_owner, project_product, project_secondary_use_case, project, account, use_case, industry, product, sales_rep;
       update app_user set last_logged_date = null`,
    );
    const run = await seed([], { DATABASE_URL: databaseUrl });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('demo organisation created');
    expect(run.stdout).toMatch(/demo domain created: .*300 accounts/);
    // Seeded: the same activities again, ids included.
    expect(await sql(databaseUrl, `select count(*)::int as n, md5(string_agg(id::text, ',' order by id)) as ids from activity`)).toEqual(before);
    const [users] = await sql(databaseUrl, `select count(*)::int as n, count(last_logged_date)::int as logged from app_user`);
    expect(users.logged).toBeGreaterThan(30);
  });

  it('refuses a bad --scale', async () => {
    for (const value of ['lots', '0']) {
      const run = await seed(['--scale', value], { DATABASE_URL: databaseUrl });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--scale must be a positive whole number');
    }
  });

  it('refuses to seed in production, before touching the database', async () => {
    const name = `pams_seed_${randomBytes(5).toString('hex')}`;
    await adminQuery(inject('serverUrl'), `create database "${name}"`);
    const url = withDatabase(inject('serverUrl'), name);
    try {
      const run = await seed([], { DATABASE_URL: url, NODE_ENV: 'production' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Refusing to seed demo users: NODE_ENV=production');
      expect(await sql(url, `select count(*)::int as n from pg_tables where schemaname = 'public'`)).toEqual([{ n: 0 }]);
    } finally {
      await adminQuery(inject('serverUrl'), `drop database if exists "${name}" with (force)`);
    }
  });
});

function seed(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/seed/seed.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Row counts and last change of every table the seed writes, and the audit trail's length. */
async function fingerprint(url: string): Promise<Record<string, any>[]> {
  const versioned = ['region', 'app_user', 'currency_rate', 'industry', 'use_case', 'product', 'sales_rep', 'account', 'project', 'outcome', 'activity'];
  const plain = ['app_user_region', 'project_owner', 'project_product', 'project_secondary_use_case', 'audit_event'];
  return sql(
    url,
    [
      ...versioned.map((t) => `select '${t}' as t, count(*)::int as n, max(updated_at)::text as changed from ${t}`),
      ...plain.map((t) => `select '${t}' as t, count(*)::int as n, null::text as changed from ${t}`),
    ].join(' union all '),
  );
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
