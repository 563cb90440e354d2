import { spawn } from 'node:child_process';
import path from 'node:path';

/** pg_dump and pg_restore as this machine has them, checked against the server they are to serve. */
export interface PgTools {
  pgDump: string;
  pgRestore: string;
  /** pg_dump's major version (it can dump servers of its own major and older, never newer). */
  major: number;
}

/** Why backups cannot run here, in words an admin can act on. */
export class BackupToolsError extends Error {}

/** What a child process printed and how it ended. */
export interface ToolRun {
  code: number | null;
  /** The first few thousand characters of each. */
  stdout: string;
  stderr: string;
}

const OUTPUT_KEEP = 4_000;

const notFound = (command: string) =>
  new BackupToolsError(`${path.basename(command)} was not found${command.includes('/') ? ` at ${command}` : ' on PATH'}; install the PostgreSQL client tools or set PG_BIN_DIR.`);

/**
 * Runs a PostgreSQL client tool without a shell (arguments as given, no quoting to get wrong); the
 * password, if the URL holds one, is passed as PGPASSWORD rather than on the command line, where
 * `ps` would show it.
 */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stdout.length < OUTPUT_KEEP) stdout += chunk;
    });
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < OUTPUT_KEEP) stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? notFound(command) : error));
    child.on('close', (code) => resolve({ code, stdout: stdout.trim().slice(0, OUTPUT_KEEP), stderr: stderr.trim().slice(0, OUTPUT_KEEP) }));
  });
}

/**
 * The tools in `binDir` (or on PATH), refused when pg_dump is older than the server: pg_dump 15 cannot
 * dump a PostgreSQL 18 server, and says so only after the backup has started.
 */
export async function findPgTools(binDir: string | undefined, serverVersionNum: number): Promise<PgTools> {
  const tool = (name: string) => (binDir ? path.join(binDir, name) : name);
  const pgDump = tool('pg_dump');
  const pgRestore = tool('pg_restore');
  const major = await versionOf(pgDump);
  await versionOf(pgRestore);
  const serverMajor = Math.floor(serverVersionNum / 10_000);
  if (major < serverMajor) {
    throw new BackupToolsError(`pg_dump ${major} cannot dump this PostgreSQL ${serverMajor} server; install the PostgreSQL ${serverMajor} client tools or set PG_BIN_DIR to them.`);
  }
  return { pgDump, pgRestore, major };
}

async function versionOf(command: string): Promise<number> {
  const { stdout } = await runTool(command, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (!match) throw new BackupToolsError(`${command} --version printed no PostgreSQL version ("${stdout.slice(0, 80)}").`);
  return Number(match[1]);
}

/** The URL's parts as libpq's environment (the password kept off the command line). */
export function libpqEnv(url: string): { env: NodeJS.ProcessEnv; dbname: string; connArgs: string[] } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const dbname = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  const connArgs = ['--host', u.hostname || '127.0.0.1', '--port', u.port || '5432', '--username', decodeURIComponent(u.username || 'postgres'), '--no-password'];
  return { env, dbname, connArgs };
}

/** The same server, another database. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
