/**
 * Deploys the portal's front ends into the folder the gateway serves (docs/adr/0009).
 *
 *   node --import tsx tools/deploy/deploy-cli.ts remote activities   build activities into a new slot, point remotes.json at it
 *   node --import tsx tools/deploy/deploy-cli.ts remote reports      the same for the reports remote (the shell untouched)
 *   node --import tsx tools/deploy/deploy-cli.ts remote admin        the same for the admin remote (docs/runbooks/admin-deploy.md)
 *   node --import tsx tools/deploy/deploy-cli.ts rollback admin      point remotes.json back at the remote's previous slot
 *   node --import tsx tools/deploy/deploy-cli.ts shell               build and deploy the shell
 *   node --import tsx tools/deploy/deploy-cli.ts all                 the shell and every remote
 *   node --import tsx tools/deploy/deploy-cli.ts build               only build what is stale into apps/<name>/dist
 * Options: --no-build (deploy apps/<name>/dist as it is), --label <text> (shown by the app),
 * --deploy-dir <dir> (default: <PAMS_DATA_DIR or .data>/deploy), --schema <file> (the gateway's schema the
 * build's GraphQL operations must validate against before anything is published; default: schema.graphql).
 * A running gateway serves the new remote on the next page load; nothing restarts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEPLOY_LAYOUT } from '@pams/shared-remote-contract';
import { deployRemote, deployShell, rollbackRemote } from './deploy.js';
import { OperationCheckError } from './operation-check.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every remote the portal has; `all` deploys these. */
export const REMOTES = ['activities', 'admin', 'reports'] as const;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'no-build': { type: 'boolean', default: false },
    label: { type: 'string' },
    'deploy-dir': { type: 'string' },
    schema: { type: 'string' },
  },
});

const [what, name] = positionals;
// The gateway (its whole module graph) is loaded only when its configuration is needed: deploys stay quick.
const deployDir = path.resolve(values['deploy-dir'] ?? path.join((await import('@pams/gateway')).loadGatewayConfig().dataDir, DEPLOY_LAYOUT.dir));
const options = {
  root: repoRoot,
  deployDir,
  build: !values['no-build'],
  label: values.label,
  schemaFile: values.schema ? path.resolve(values.schema) : undefined,
};

async function remote(remoteName: string): Promise<void> {
  const deployed = await deployRemote(remoteName, options);
  console.log(`${remoteName}: ${deployed.changed ? 'deployed' : 'unchanged, still'} in slot ${deployed.slot} (${deployed.entry})`);
}

async function run(): Promise<void> {
  if (what === 'remote' && name) {
    await remote(name);
  } else if (what === 'rollback' && name) {
    const back = await rollbackRemote(name, options);
    console.log(`${name}: rolled back from slot ${back.from} to slot ${back.to}`);
  } else if (what === 'shell') {
    await deployShell(options);
    console.log(`shell: deployed to ${path.join(deployDir, DEPLOY_LAYOUT.shellDir)}`);
  } else if (what === 'build') {
    const { buildWhatIsNeeded, FRONT_END_BUILDS } = await import('../dev/build-steps.js');
    await buildWhatIsNeeded(repoRoot, FRONT_END_BUILDS, (line) => console.log(line));
  } else if (what === 'all') {
    for (const remoteName of REMOTES) await remote(remoteName);
    await deployShell(options);
    console.log('shell: deployed');
  } else {
    console.error('usage: deploy-cli.ts remote <name> | rollback <name> | shell | all | build  [--no-build] [--label <text>] [--deploy-dir <dir>] [--schema <file>]');
    process.exitCode = 2;
  }
}

try {
  await run();
} catch (error) {
  // A refused publish is an answer, not a crash: say which operations and why, exit 1, nothing changed.
  if (!(error instanceof OperationCheckError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
