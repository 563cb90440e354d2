/**
 * Migrations: `create [name]`, `up`, `down [--to <name>|--all]`, `check`.
 * `check` fails when entities changed without a migration (snapshot diff) or when the database
 * after `up` differs from what the entities describe.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { migrateToHead, migrationsPath } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import { withOrm } from './cli-support.js';

const snapshotFile = path.join(migrationsPath, '.snapshot-pams.json');

const [command = 'up', ...rest] = process.argv.slice(2);
const log = createLogger(process.env.LOG_LEVEL ?? 'warn');

await withOrm(async (orm) => {
  const migrator = orm.getMigrator();
  switch (command) {
    case 'create': {
      const result = await migrator.createMigration(undefined, false, false, rest[0]);
      console.log(result.fileName ? `created ${result.fileName}` : 'no changes: nothing to create');
      await fs.writeFile(snapshotFile, JSON.stringify(orm.getSchemaGenerator().getTargetSchema(), null, 2) + '\n');
      break;
    }
    case 'up': {
      const done = await migrateToHead(orm, orm.config.getClientUrl(), log);
      console.log(`applied ${done.length} migration(s)`);
      break;
    }
    case 'down': {
      const done = rest[0] === '--all' ? await migrator.down({ to: 0 }) : await migrator.down();
      console.log(`reverted ${done.length} migration(s)`);
      break;
    }
    case 'check': {
      // With graphile-worker's schema in place, as on every real database: it must not count as drift.
      await migrateToHead(orm, orm.config.getClientUrl(), log);
      const drift = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      // The snapshot is what the next `create` diffs against: it must be what the entities say now.
      const snapshot = normalise(JSON.parse(await fs.readFile(snapshotFile, 'utf8').catch(() => '{}')));
      const expected = normalise(JSON.parse(JSON.stringify(orm.getSchemaGenerator().getTargetSchema())));
      if (drift.trim() !== '' || snapshot !== expected) {
        console.error('entities and migrations disagree; run `npm run migration:create <name>` and commit it.');
        if (drift.trim()) console.error(drift);
        if (snapshot !== expected) console.error(`stale ${path.relative(process.cwd(), snapshotFile)}`);
        process.exitCode = 1;
      } else {
        console.log('entities and migrations agree');
      }
      break;
    }
    default:
      console.error(`unknown command "${command}"`);
      process.exitCode = 2;
  }
}, command === 'create');

/** Table order in the snapshot follows discovery order; compare content, not order. */
function normalise(schema: { tables?: { name: string }[] }): string {
  const tables = [...(schema.tables ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify({ ...schema, tables }, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
