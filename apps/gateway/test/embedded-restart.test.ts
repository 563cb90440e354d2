import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@pams/server-core';
import { openDatabase, repoRoot, type Database } from '@pams/gateway';

/**
 * The embedded PostgreSQL path, explicitly (no DATABASE_URL): each test has its own data dir in the
 * temp folder and the server picks a free port, so these never touch .data/ or the machine's server.
 */
describe('embedded PostgreSQL', () => {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const dirs: string[] = [];
  const open: Database[] = [];

  async function dataDir(): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-embedded-'));
    dirs.push(dir);
    return dir;
  }

  async function start(dir: string): Promise<Database> {
    const db = await openDatabase(undefined, dir, log);
    open.push(db);
    return db;
  }

  afterEach(async () => {
    for (const db of open.splice(0)) await db.stop().catch(() => undefined);
    for (const dir of dirs.splice(0)) {
      const pid = await postmasterPid(dir);
      if (pid) process.kill(pid, 'SIGQUIT');
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('starts, stops and starts again on the same data dir, keeping the data', async () => {
    const dir = await dataDir();
    const first = await start(dir);
    expect(first.embedded).toBe(true);
    await query(first.url, `create table kept (note text)`);
    await query(first.url, `insert into kept values ('written before the restart')`);
    await first.stop();
    expect(await postmasterPid(dir)).toBeUndefined();

    const second = await start(dir);
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'written before the restart' }]);
    await second.stop();
    expect(await postmasterPid(dir)).toBeUndefined();
  }, 60_000);

  it('leaves no password file in the temp folder after initialising', async () => {
    const dir = await dataDir();
    await start(dir);
    const { password } = JSON.parse(await fs.readFile(path.join(dir, 'embedded-pg.json'), 'utf8')) as { password: string };
    const stat = await fs.stat(path.join(dir, 'embedded-pg.json'));
    expect(stat.mode & 0o077).toBe(0);

    const leftovers: string[] = [];
    for (const name of await fs.readdir(os.tmpdir())) {
      if (!name.startsWith('pg-password-')) continue;
      const content = await fs.readFile(path.join(os.tmpdir(), name), 'utf8').catch(() => '');
      if (content.trim() === password) leftovers.push(name);
    }
    expect(leftovers).toEqual([]);
  }, 60_000);

  it('after its owner is killed, stops the stale server and starts cleanly with the data intact', async () => {
    const dir = await dataDir();
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', OWNER_SCRIPT], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', PAMS_DATA_DIR: dir, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    owner.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => owner.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('READY')) resolve();
      });
      owner.on('exit', (code) => reject(new Error(`owner exited (${code}) before it was ready: ${stderr}`)));
    });

    const stale = await postmasterPid(dir);
    expect(stale).toBeDefined();
    owner.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The killed owner's server is still running, holding the data dir and its port.
    expect(isAlive(stale!)).toBe(true);

    const db = await start(dir);
    expect(isAlive(stale!)).toBe(false);
    const fresh = await postmasterPid(dir);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(stale);
    expect(await query(db.url, 'select note from kept')).toEqual([{ note: 'written before the kill' }]);
    await db.stop();
    expect(await postmasterPid(dir)).toBeUndefined();
  }, 60_000);
});

/** Opens the embedded database, writes a row, says READY and waits to be killed. */
const OWNER_SCRIPT = `
import pg from 'pg';
import { createLogger } from '@pams/server-core';
import { openDatabase } from '@pams/gateway';
const db = await openDatabase(undefined, process.env.PAMS_DATA_DIR, createLogger('warn'));
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query('create table kept (note text)');
await client.query("insert into kept values ('written before the kill')");
await client.end();
console.log('READY');
setInterval(() => {}, 60_000);
`;

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postmasterPid(dir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie has stopped: count it as gone.
  return !/^\d+ \(.*\) Z/.test(readProcStat(pid));
}

function readProcStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}
