/**
 * `npm run seed [-- --scale <n>]`: the demo organisation when the database has no users; with
 * `--scale`, n more generated users in bulk for benchmarks. Refuses to run when NODE_ENV=production.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadGatewayConfig } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import { hashPassword } from '@pams/server-identity';
import { withOrm } from '../cli-support.js';
import { seedScale } from './scale.js';
import { DemoSeedRefused, assertSeedAllowed, seedDemoIfEmpty } from './seed-demo.js';

const USAGE = `usage: npm run seed [-- --scale <n>]
  (no option)   create the demo organisation (regions, users in every role) if the database has no users
  --scale <n>   also generate n more users in bulk, for benchmarks`;

async function main(argv: string[]): Promise<number> {
  let scale = 0;
  try {
    const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.scale !== undefined) {
      scale = Number(values.scale);
      if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be a positive whole number, got "${values.scale}"`);
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const config = loadGatewayConfig();
  try {
    // Before touching the database at all.
    assertSeedAllowed(config);
  } catch (error) {
    if (error instanceof DemoSeedRefused) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  await withOrm(async (orm) => {
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) console.log(`applied ${applied.length} migration(s)`);
    const result = await seedDemoIfEmpty(orm, log, config);
    console.log(
      result.seeded
        ? `demo organisation created: ${result.regions} regions, ${result.users} users (password: PAMS_DEMO_PASSWORD or "demo-password")`
        : 'the database already has users: demo organisation not created',
    );
    if (scale > 0) {
      const client = new pg.Client({ connectionString: orm.config.getClientUrl() });
      await client.connect();
      try {
        const done = await seedScale(client, { users: scale, passwordHash: await hashPassword(config.demoPassword) }, (line) => console.log(line));
        console.log(`generated ${done.users.toLocaleString('en')} users in ${(done.ms / 1000).toFixed(1)} s`);
      } finally {
        await client.end();
      }
    }
  });
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
