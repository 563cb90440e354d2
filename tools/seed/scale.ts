import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { Role } from '@pams/shared-util';
import { insertBatches } from './bulk-insert.js';

export interface ScaleOptions {
  /** Additional users to generate. */
  users: number;
  /** Stored for every generated user, so that any of them can sign in (the demo password's hash). */
  passwordHash: string;
  batchSize?: number;
}

export interface ScaleResult {
  users: number;
  ms: number;
}

const FIRST = ['Aarav', 'Aditi', 'Akash', 'Amina', 'Ana', 'Carlos', 'Chen', 'Deepa', 'Elena', 'Farah', 'Gabriel', 'Hiro', 'Ishaan', 'Jia', 'Kofi', 'Leila', 'Lucia', 'Mohan', 'Nadia', 'Olga', 'Pedro', 'Quynh', 'Ravi', 'Sara', 'Tariq', 'Uma', 'Vera', 'Wen', 'Yusuf', 'Zara'];
const LAST = ['Agarwal', 'Baptiste', 'Chowdhury', 'Da Silva', 'Eriksen', 'Fernandes', 'Gupta', 'Hassan', 'Ito', 'Jansen', 'Kapoor', 'Lim', 'Moreau', 'Nakamura', 'Ortiz', 'Pillai', 'Qureshi', 'Reddy', 'Sato', 'Tanaka', 'Usman', 'Varga', 'Wong', 'Yilmaz', 'Zhou'];

/**
 * Generated data for benchmarks (`npm run seed -- --scale N`), written in bulk in one transaction
 * and recorded as one audit event. Today: N more users over the existing regions; the activity
 * domain will add accounts, projects and activities here.
 */
export async function seedScale(client: pg.ClientBase, options: ScaleOptions, progress: (line: string) => void): Promise<ScaleResult> {
  const started = Date.now();
  const regions = (await client.query<{ id: string }>('select id from region order by name')).rows.map((r) => r.id);
  if (regions.length === 0) throw new Error('no regions: seed the demo organisation first');
  // Numbering continues after earlier runs, so emails stay unique.
  const before = Number((await client.query<{ n: string }>(`select count(*) as n from app_user where email like 'scale.%@bench.pams'`)).rows[0].n);

  const users: { id: string; region: string }[] = [];
  function* userRows(): Generator<unknown[]> {
    for (let i = 0; i < options.users; i += 1) {
      const n = before + i + 1;
      const id = randomUUID();
      const region = regions[n % regions.length];
      users.push({ id, region });
      const name = `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
      yield [id, `scale.${n}@bench.pams`, name, n % 25 === 0 ? Role.MANAGER : Role.MEMBER, region];
    }
  }

  await client.query('begin');
  try {
    const report = (what: string) => (written: number) => {
      const seconds = (Date.now() - started) / 1000;
      progress(`${what}: ${written.toLocaleString('en')} / ${options.users.toLocaleString('en')} (${Math.round(written / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`);
    };
    await insertBatches(
      client,
      {
        table: 'app_user',
        columns: [
          { name: 'id', type: 'uuid' },
          { name: 'email', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'role', type: 'text' },
          { name: 'default_region_id', type: 'uuid' },
        ],
        constants: {
          version: '1',
          created_at: 'now()',
          updated_at: 'now()',
          status: `'ACTIVE'`,
          must_change_password: 'false',
          password_hash: client.escapeLiteral(options.passwordHash),
        },
      },
      userRows(),
      { batchSize: options.batchSize, onBatch: report('users') },
    );
    await insertBatches(
      client,
      { table: 'app_user_region', columns: [{ name: 'user_id', type: 'uuid' }, { name: 'region_id', type: 'uuid' }] },
      users.map((u) => [u.id, u.region]),
      { batchSize: options.batchSize },
    );
    // Bulk rows bypass the unit of work and its per-record audit: one event says what was done.
    await client.query(
      `insert into audit_event (actor_kind, action, entity_type, changes, request_id) values ('system', 'seed.scale', 'User', $1, 'seed')`,
      [JSON.stringify({ generatedUsers: { before, after: before + options.users } })],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  return { users: options.users, ms: Date.now() - started };
}
