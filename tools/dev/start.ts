/**
 * `npm start` for development: builds what is stale, then the gateway — database (embedded in .data/
 * without DATABASE_URL), migrations, the demo organisation when the database has no users — and
 * prints where to go and how to sign in. Production runs apps/gateway/src/main.ts, which never seeds.
 */
import { bootGateway, loadGatewayConfig, repoRoot } from '@pams/gateway';
import { createLogger } from '@pams/server-core';
import { DEMO_SIGN_INS } from '../seed/demo-organisation.js';
import { seedDemoIfEmpty } from '../seed/seed-demo.js';
import { buildSteps, buildWhatIsNeeded } from './build-steps.js';

const config = loadGatewayConfig();
const log = createLogger(config.logLevel);

await buildWhatIsNeeded(repoRoot, buildSteps, (line) => console.log(line));

if (config.production) log.warn('NODE_ENV=production: the demo organisation is not seeded');
const running = await bootGateway({
  config,
  log,
  beforeListen: config.production
    ? undefined
    : async (orm) => {
        await seedDemoIfEmpty(orm, log, config);
      },
});

const lines = [
  '',
  `PAMS is running at ${running.url}`,
  `  GraphQL   ${running.url}/graphql${config.production ? '' : '  (open it in a browser for the explorer)'}`,
];
if (!config.production) {
  const password = process.env.PAMS_DEMO_PASSWORD ? 'the value of PAMS_DEMO_PASSWORD' : config.demoPassword;
  lines.push('  Demo sign-ins:');
  for (const person of DEMO_SIGN_INS) lines.push(`    ${person.email.padEnd(20)} ${person.role}`);
  lines.push(`  Password  ${password}`);
}
lines.push('  Ctrl-C stops it.', '');
console.log(lines.join('\n'));
