import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { repoRoot, withDatabase } from '@pams/gateway';
import { GraphqlClient } from './support/graphql-client.js';
import { adminQuery } from './support/test-database.js';

const DEMO_SIGN_INS = ['admin@demo.pams', 'leader@demo.pams', 'manager@demo.pams', 'member@demo.pams', 'analyst@demo.pams'];

/**
 * `npm start` as a developer runs it: the real script in its own process, on a fresh empty database
 * (it must migrate and seed by itself), on a free port.
 */
describe('npm start', { timeout: 90_000 }, () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  async function freshDatabase(): Promise<string> {
    const name = `pams_start_${randomBytes(5).toString('hex')}`;
    await adminQuery(inject('serverUrl'), `create database "${name}"`);
    cleanup.push(() => adminQuery(inject('serverUrl'), `drop database if exists "${name}" with (force)`));
    return withDatabase(inject('serverUrl'), name);
  }

  async function start(env: Record<string, string>): Promise<StartedProcess> {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-start-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const started = await startProcess({ PORT: '0', HOST: '127.0.0.1', PAMS_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env });
    cleanup.push(async () => {
      if (started.child.exitCode === null) started.child.kill('SIGKILL');
    });
    return started;
  }

  describe('in development', () => {
    let app: StartedProcess;
    let databaseUrl: string;
    beforeAll(async () => {
      databaseUrl = await freshDatabase();
      app = await start({ DATABASE_URL: databaseUrl, NODE_ENV: 'development' });
    });

    it('prints the URL, the GraphQL endpoint and the demo sign-ins with their password', () => {
      expect(app.output).toContain(`${app.url}/graphql`);
      for (const email of DEMO_SIGN_INS) expect(app.output).toContain(email);
      expect(app.output).toContain('demo-password');
    });

    it('is ready: database reachable, migrations applied', async () => {
      const response = await fetch(`${app.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready' });
    });

    it('seeded the demo organisation: nine regions, every role, audited as system work', async () => {
      const regions = await sql(databaseUrl, 'select name from region order by name');
      expect(regions.map((r) => r.name)).toEqual(
        ['Africa & Europe', 'India North', 'India South', 'India West', 'Inside Sales', 'LATAM', 'MENA', 'ROW', 'SEA'],
      );
      const demo = await sql(databaseUrl, `select email, role from app_user where email like '%@demo.pams' and email not like '%.%@demo.pams' order by email`);
      expect(demo).toEqual([
        { email: 'admin@demo.pams', role: 'ADMIN' },
        { email: 'analyst@demo.pams', role: 'ANALYST' },
        { email: 'leader@demo.pams', role: 'LEADER' },
        { email: 'manager@demo.pams', role: 'MANAGER' },
        { email: 'member@demo.pams', role: 'MEMBER' },
      ]);
      const [{ users }] = await sql(databaseUrl, 'select count(*)::int as users from app_user');
      expect(users).toBeGreaterThanOrEqual(40);
      const events = await sql(databaseUrl, `select count(*)::int as n from audit_event where action = 'User.created' and actor_kind = 'system' and request_id = 'seed'`);
      expect(events[0].n).toBe(users);
    });

    it('lets member@demo.pams sign in with the demo password', async () => {
      const client = new GraphqlClient(app.url);
      const signedIn = await client.data<{ signIn: { __typename: string } }>(
        'mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename } }',
        { email: 'member@demo.pams', password: 'demo-password' },
      );
      expect(signedIn.signIn.__typename).toBe('SignInSuccess');
      const { viewer } = await client.data<{ viewer: { email: string; role: string } }>('{ viewer { email role } }');
      expect(viewer).toEqual({ email: 'member@demo.pams', role: 'MEMBER' });
    });

    it('stops cleanly on SIGTERM', async () => {
      expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    });
  });

  it('never seeds in production', async () => {
    const databaseUrl = await freshDatabase();
    const app = await start({ DATABASE_URL: databaseUrl, NODE_ENV: 'production' });
    expect(app.output).not.toContain('demo-password');
    expect(app.output).not.toContain('member@demo.pams');
    const [{ users }] = await sql(databaseUrl, 'select count(*)::int as users from app_user');
    expect(users).toBe(0);
    expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});

interface StartedProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: string;
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node --import tsx tools/dev/start.ts` and resolves once it prints where it listens. */
function startProcess(env: Record<string, string>): Promise<StartedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/dev/start.ts'], { cwd: repoRoot, env: { ...process.env, ...env } });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PAMS is running at (http:\/\/\S+)/.exec(output);
      // The banner is printed in one write: wait for its last line.
      if (match && output.includes('Ctrl-C stops it.')) {
        resolve({
          child,
          url: match[1],
          get output() {
            return output;
          },
          stop(signal) {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then(({ code, signal }) => reject(new Error(`npm start exited (${signal ?? code}) before it was ready:\n${output}`)));
  });
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
