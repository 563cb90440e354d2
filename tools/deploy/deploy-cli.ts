/**
 * Deploys the portal's front ends into the folder the gateway serves (docs/adr/0009).
 *
 *   node --import tsx tools/deploy/deploy-cli.ts remote activities   build activities into a new slot, point remotes.json at it
 *   node --import tsx tools/deploy/deploy-cli.ts remote reports      the same for the reports remote (the shell untouched)
 *   node --import tsx tools/deploy/deploy-cli.ts shell               build and deploy the shell
 *   node --import tsx tools/deploy/deploy-cli.ts all                 the shell and every remote
 *   node --import tsx tools/deploy/deploy-cli.ts build               only build what is stale into apps/<name>/dist
 * Options: --no-build (deploy apps/<name>/dist as it is), --label <text> (shown by the app),
 * --deploy-dir <dir> (default: <PAMS_DATA_DIR or .data>/deploy).
 * A running gateway serves the new remote on the next page load; nothing restarts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEPLOY_LAYOUT } from '@pams/shared-remote-contract';
import { deployRemote, deployShell } from './deploy.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every remote the portal has; `all` deploys these. */
export const REMOTES = ['activities', 'reports'] as const;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'no-build': { type: 'boolean', default: false },
    label: { type: 'string' },
    'deploy-dir': { type: 'string' },
  },
});

const [what, name] = positionals;
// The gateway (its whole module graph) is loaded only when its configuration is needed: deploys stay quick.
const deployDir = path.resolve(values['deploy-dir'] ?? path.join((await import('@pams/gateway')).loadGatewayConfig().dataDir, DEPLOY_LAYOUT.dir));
const options = { root: repoRoot, deployDir, build: !values['no-build'], label: values.label };

async function remote(remoteName: string): Promise<void> {
  const deployed = await deployRemote(remoteName, options);
  console.log(`${remoteName}: ${deployed.changed ? 'deployed' : 'unchanged, still'} in slot ${deployed.slot} (${deployed.entry})`);
}

if (what === 'remote' && name) {
  await remote(name);
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
  console.error('usage: deploy-cli.ts remote <name> | shell | all | build  [--no-build] [--label <text>] [--deploy-dir <dir>]');
  process.exitCode = 2;
}
