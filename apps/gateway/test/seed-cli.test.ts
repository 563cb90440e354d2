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
    expect(events).toEqual([
      { action: 'Region.created', n: 9 },
      { action: 'User.created', n: total },
    ]);
  });

  it('leaves a database that has users alone', async () => {
    const before = await sql(databaseUrl, 'select count(*)::int as n from app_user');
    const run = await seed([], { DATABASE_URL: databaseUrl });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('already has users');
    expect(await sql(databaseUrl, 'select count(*)::int as n from app_user')).toEqual(before);
  });

  it('--scale generates users in bulk, continuing the numbering of earlier runs', async () => {
    const [before] = await sql(databaseUrl, 'select count(*)::int as n from app_user');
    const first = await seed(['--scale', '6000'], { DATABASE_URL: databaseUrl });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('users: 5,000 / 6,000');
    expect(first.stdout).toContain('generated 6,000 users');
    const second = await seed(['--scale', '300'], { DATABASE_URL: databaseUrl });
    expect(second.code).toBe(0);

    const [after] = await sql(databaseUrl, 'select count(*)::int as n from app_user');
    expect(after.n).toBe(before.n + 6_300);
    const [scaled] = await sql(
      databaseUrl,
      `select count(*)::int as n, count(distinct u.email)::int as emails, count(r.region_id)::int as with_region
         from app_user u left join app_user_region r on r.user_id = u.id and r.region_id = u.default_region_id
        where u.email like 'scale.%@bench.pams'`,
    );
    expect(scaled).toEqual({ n: 6_300, emails: 6_300, with_region: 6_300 });
    const events = await sql(databaseUrl, `select changes from audit_event where action = 'seed.scale' order by id`);
    expect(events.map((e) => e.changes)).toEqual([
      { generatedUsers: { before: 0, after: 6_000 } },
      { generatedUsers: { before: 6_000, after: 6_300 } },
    ]);
  });

  it('refuses a bad --scale', async () => {
    const run = await seed(['--scale', 'lots'], { DATABASE_URL: databaseUrl });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--scale must be a positive whole number');
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

async function sql(url: string, text: string): Promise<Record<string, any>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}
