/**
 * `npm run seed [-- --scale <n>]`: the demo organisation when the database is empty; with
 * `--scale`, a benchmark data set of n activities loaded in bulk. Refuses to run when NODE_ENV=production.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadGatewayConfig, migrateToHead, repoRoot } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import { hashPassword } from '@pams/server-identity';
import { withOrm } from '../cli-support.js';
import { ScaleRefused, seedScale, type ScaleResult } from './scale.js';
import { DemoSeedRefused, assertSeedAllowed, seedDemoIfEmpty, type SeedResult } from './seed-demo.js';

const USAGE = `usage: npm run seed [-- --scale <n> [--dataset <file>]]
  (no option)       create the demo organisation (regions, users in every role, reference data, accounts,
                    projects, outcomes, two years of activities) if the database is empty
  --scale <n>       also generate a benchmark data set of exactly n activities (with their people,
                    accounts and projects) in bulk; refused if the database already has one
  --dataset <file>  where to describe the benchmark data set (default .data/bench-dataset.json)`;

async function main(argv: string[]): Promise<number> {
  let scale = 0;
  let datasetFile: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { scale: { type: 'string' }, dataset: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.scale !== undefined) {
      scale = Number(values.scale);
      if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be a positive whole number, got "${values.scale}"`);
    }
    if (values.dataset !== undefined) datasetFile = path.resolve(values.dataset);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const datasetPath = datasetFile ?? path.join(repoRoot, '.data/bench-dataset.json');
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
  return withOrm(async (orm) => {
    const applied = await migrateToHead(orm, orm.config.getClientUrl(), log);
    if (applied.length > 0) console.log(`applied ${applied.length} migration(s)`);
    console.log(describeDemo(await seedDemoIfEmpty(orm, log, config)));
    if (scale === 0) return 0;

    const client = new pg.Client({ connectionString: orm.config.getClientUrl() });
    await client.connect();
    try {
      const result = await seedScale(client, {
        activities: scale,
        passwordHash: await hashPassword(config.demoPassword),
        progress: (line) => console.log(line),
      });
      await fs.mkdir(path.dirname(datasetPath), { recursive: true });
      await fs.writeFile(datasetPath, JSON.stringify(result.dataset, null, 2) + '\n');
      console.log(describeScale(result, datasetPath));
      return 0;
    } catch (error) {
      if (error instanceof ScaleRefused) {
        console.error(`--scale refused: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await client.end();
    }
  });
}

function describeDemo(result: SeedResult): string {
  if (!result.seeded) return 'the database already has users: demo organisation not created';
  const lines: string[] = [];
  if (result.users > 0) lines.push(`demo organisation created: ${result.regions} regions, ${result.users} users (password: PAMS_DEMO_PASSWORD or "demo-password")`);
  const d = result.domain;
  if (d) {
    lines.push(
      `demo domain created: ${d.industries} industries, ${d.useCases} use cases, ${d.products} products, ${d.salesReps} sales reps, ` +
        `${d.accounts} accounts, ${d.projects} projects, ${d.outcomes} outcomes, ${d.activities.toLocaleString('en')} activities ` +
        `(${(result.ms / 1000).toFixed(1)} s)`,
    );
  }
  return lines.join('\n');
}

function describeScale(result: ScaleResult, datasetFile: string): string {
  const d = result.dataset;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `generated ${result.activities.toLocaleString('en')} activities, ${result.users} people, ${result.accounts.toLocaleString('en')} accounts, ` +
      `${result.projects.toLocaleString('en')} projects in ${seconds(result.ms)} (activities ${seconds(result.loadMs)}, vacuum analyze ${seconds(result.analyzeMs)})`,
    `benchmark: region "${d.region.name}" (${d.region.id}), month ${d.month}: ${d.monthActivities.toLocaleString('en')} activities ` +
      `(${d.monthExternal.toLocaleString('en')} external) by ${d.monthPeople} people; database ${d.database}`,
    `described in ${datasetFile}`,
  ].join('\n');
}

process.exitCode = await main(process.argv.slice(2));
