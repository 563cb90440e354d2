/**
 * `npm run check:generated`: CI's proof that every generated file is fresh and that migrations are sound.
 * Prints one line per check and exits 1 if any fails. Database: DATABASE_URL's server, else the embedded one.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { initOrm, loadGatewayConfig, migrationsPath, openDatabase, repoRoot, withDatabase } from '@pams/gateway';
import { migrateJobQueue } from '@pams/server-jobs';
import { createLogger } from '@pams/server-core';

interface Outcome {
  ok: boolean;
  /** What was checked (on success) or what is wrong (on failure). */
  summary: string;
  /** Output worth reading when it failed. */
  details?: string;
}

const results: boolean[] = [];

async function check(name: string, run: () => Promise<Outcome>): Promise<void> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = { ok: false, summary: 'crashed', details: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${name}: ${outcome.summary} (${seconds} s)`);
  if (!outcome.ok && outcome.details?.trim()) console.log(indent(outcome.details.trim()));
  results.push(outcome.ok);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}

/** Runs a command at the repository root; never throws. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, output };
}

function tsx(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, ['--import', 'tsx', script, ...args], env);
}

// 1. schema.graphql is what the code says.
await check('schema.graphql', async () => {
  const { ok, output } = tsx('tools/emit-schema.ts', ['--check']);
  return ok ? { ok, summary: 'matches the code' } : { ok, summary: 'stale: run `npm run emit-schema` and commit it', details: output };
});

// 2. Client types are what schema.graphql and the operations say.
await check('client types', async () => {
  // codegen.ts is the workspace's root config, not a project; importing it also type-checks it with the tools.
  // eslint-disable-next-line @nx/enforce-module-boundaries
  const { default: config } = await import('../codegen.js');
  const outputs = Object.keys(config.generates);
  if (outputs.length === 0) return { ok: true, summary: 'no client data-access libs yet (codegen.ts lists none)' };
  const generated = run(path.join(repoRoot, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts']);
  if (!generated.ok) return { ok: false, summary: '`npm run codegen` failed', details: generated.output };
  const diff = run('git', ['diff', '--exit-code', '--stat', '--', ...outputs]);
  const untracked = run('git', ['ls-files', '--others', '--exclude-standard', '--', ...outputs]);
  if (!diff.ok || untracked.output.trim() !== '') {
    return {
      ok: false,
      summary: 'stale: run `npm run codegen` and commit the result',
      details: `${diff.output}${untracked.output ? `untracked:\n${untracked.output}` : ''}`,
    };
  }
  return { ok: true, summary: `${outputs.length} output(s) match schema.graphql and the operations` };
});

// 3. One head: a strictly ordered line of migrations, nothing else in the folder.
const migrationFile = /^Migration(\d{14})_[a-z0-9_]+\.ts$/;
await check('migrations have one head', async () => {
  const files = (await fs.readdir(migrationsPath)).filter((file) => !file.startsWith('.snapshot-'));
  const problems: string[] = [];
  const byTimestamp = new Map<string, string>();
  for (const file of files) {
    const match = migrationFile.exec(file);
    if (!match) {
      problems.push(`${file}: not a migration (expected Migration<yyyyMMddHHmmss>_<snake_name>.ts)`);
      continue;
    }
    const other = byTimestamp.get(match[1]);
    if (other) problems.push(`${file} and ${other} share timestamp ${match[1]}: re-create one of them`);
    byTimestamp.set(match[1], file);
    const source = await fs.readFile(path.join(migrationsPath, file), 'utf8');
    const className = file.replace(/\.ts$/, '');
    if (!source.includes(`export class ${className} extends Migration`)) problems.push(`${file}: must export class ${className}`);
    if (!/\bdown\s*\(/.test(source)) problems.push(`${file}: has no down()`);
  }
  try {
    await fs.access(path.join(migrationsPath, '.snapshot-pams.json'));
  } catch {
    problems.push('.snapshot-pams.json is missing');
  }
  if (problems.length > 0) return { ok: false, summary: `${problems.length} problem(s)`, details: problems.join('\n') };
  const head = [...byTimestamp.keys()].sort().at(-1);
  return { ok: true, summary: `${byTimestamp.size} migration(s), head ${byTimestamp.get(head ?? '') ?? 'none'}` };
});

// 4 and 5 run on a scratch database: migrating a shared or developer database would prove less and leave traces.
const config = loadGatewayConfig();
const database = await openDatabase(config.databaseUrl, config.dataDir, createLogger(process.env.LOG_LEVEL ?? 'warn'));
const scratch = `pams_ci_${randomBytes(5).toString('hex')}`;
const scratchUrl = withDatabase(database.serverUrl, scratch);
try {
  await adminQuery(`create database "${scratch}"`);

  await check('migrations up, down to zero, up (empty database)', async () => {
    const orm = await initOrm(scratchUrl, config);
    try {
      // As on every real database: graphile-worker's schema (not ours to revert) is there before ours.
      await migrateJobQueue(scratchUrl, createLogger(process.env.LOG_LEVEL ?? 'warn'));
      const migrator = orm.getMigrator();
      const up = await migrator.up();
      const down = await migrator.down({ to: 0 });
      const leftovers = await leftoversIn(scratchUrl);
      if (down.length !== up.length || leftovers.length > 0) {
        return {
          ok: false,
          summary: `down reverted ${down.length} of ${up.length} and left ${leftovers.length} object(s) behind`,
          details: leftovers.join('\n'),
        };
      }
      const again = await migrator.up();
      if (again.length !== up.length) return { ok: false, summary: `second up applied ${again.length} of ${up.length}` };
      return { ok: true, summary: `${up.length} up, ${down.length} down to an empty schema, ${again.length} up` };
    } finally {
      await orm.close(true);
    }
  });

  await check('entities ↔ migrations ↔ snapshot', async () => {
    const { ok, output } = tsx('tools/migrate.ts', ['check'], { DATABASE_URL: scratchUrl });
    // Also read its verdict: an exit code alone has been lost to exit hooks before.
    const agree = ok && output.includes('entities and migrations agree');
    return agree ? { ok: true, summary: 'agree (tools/migrate.ts check)' } : { ok: false, summary: 'disagree', details: output };
  });
} finally {
  await adminQuery(`drop database if exists "${scratch}" with (force)`).catch((error: unknown) => {
    console.error(`could not drop scratch database ${scratch}: ${String(error)}`);
  });
  await database.stop();
}

const failed = results.filter((ok) => !ok).length;
console.log(failed === 0 ? `all ${results.length} checks passed` : `${failed} of ${results.length} checks failed`);
// Explicit exit code, whatever exit hooks the libraries loaded here install.
process.exit(failed === 0 ? 0 : 1);

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: database.serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What a full `down` must not leave in the public schema (MikroORM's own bookkeeping table aside). */
async function leftoversIn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ kind: string; name: string }>(`
      select 'relation' as kind, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
          and c.relname not in ('mikro_orm_migrations', 'mikro_orm_migrations_id_seq')
      union all
      select 'function', p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
      union all
      select 'type', t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'public' and t.typtype in ('e', 'd', 'r')
      union all
      select 'applied migration', name from mikro_orm_migrations
      order by 1, 2`);
    return rows.map((row) => `${row.kind} ${row.name}`);
  } finally {
    await client.end();
  }
}
