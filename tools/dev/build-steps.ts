import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadGatewayConfig, repoRoot } from '@pams/gateway';
import { DEPLOY_LAYOUT } from '@pams/shared-remote-contract';
import { buildEnv, viteBuildArgs } from '../deploy/build-app.js';
import { withBuildLock } from '../deploy/build-lock.js';

/** Something `npm start` must build before serving (a front end), skipped while its output is fresh. */
export interface BuildStep {
  name: string;
  /** Files or folders (relative to the repository root) whose changes make the output stale. */
  inputs: string[];
  /** A file the build writes last (e.g. `apps/shell/dist/index.html`). */
  output: string;
  /** Command and arguments, run from the repository root. */
  command: [string, ...string[]];
  /** The command's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** What every front-end build reads besides its own app folder. */
const CLIENT_INPUTS = ['libs/client', 'libs/shared', 'package-lock.json'];
const vite = (app: string): BuildStep['command'] => [process.execPath, ...viteBuildArgs(app)];
/** A production build even when a test runner starts it (see buildEnv). */
const PRODUCTION = buildEnv();

/** Each front end, built into apps/<name>/dist when its sources changed. */
export const FRONT_END_BUILDS: BuildStep[] = [
  {
    name: 'activities (remote)',
    inputs: ['apps/activities', ...CLIENT_INPUTS],
    output: 'apps/activities/dist/mf-manifest.json',
    command: vite('activities'),
    env: PRODUCTION,
  },
  {
    name: 'admin (remote)',
    inputs: ['apps/admin', ...CLIENT_INPUTS],
    output: 'apps/admin/dist/mf-manifest.json',
    command: vite('admin'),
    env: PRODUCTION,
  },
  {
    name: 'reports (remote)',
    inputs: ['apps/reports', ...CLIENT_INPUTS],
    output: 'apps/reports/dist/mf-manifest.json',
    command: vite('reports'),
    env: PRODUCTION,
  },
  { name: 'shell', inputs: ['apps/shell', ...CLIENT_INPUTS], output: 'apps/shell/dist/index.html', command: vite('shell'), env: PRODUCTION },
];

/** Copies the builds into the deploy folder the gateway serves, when they are newer than what it holds. */
export function deployStep(deployDir: string): BuildStep {
  return {
    name: `deploy to ${path.relative(repoRoot, deployDir) || deployDir}`,
    inputs: ['apps/activities/dist', 'apps/admin/dist', 'apps/reports/dist', 'apps/shell/dist'],
    output: path.relative(repoRoot, path.join(deployDir, DEPLOY_LAYOUT.manifestFile)),
    command: [process.execPath, '--import', 'tsx', 'tools/deploy/deploy-cli.ts', 'all', '--no-build', '--deploy-dir', deployDir],
  };
}

/** `npm start`: the front ends, deployed into `<PAMS_DATA_DIR>/deploy`, which the gateway serves at `/`. */
export const buildSteps: BuildStep[] = [...FRONT_END_BUILDS, deployStep(path.join(loadGatewayConfig().dataDir, DEPLOY_LAYOUT.dir))];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.nx', '.data', 'coverage']);

/**
 * Runs each stale step in order; a failed build stops the start. Under the build lock: the browser tests
 * and another `npm start` may be building the same apps right now.
 */
export async function buildWhatIsNeeded(root: string, steps: BuildStep[], say: (line: string) => void): Promise<void> {
  for (const step of steps) {
    if (await isFresh(root, step)) {
      say(`${step.name}: up to date`);
      continue;
    }
    await withBuildLock(root, async () => {
      if (await isFresh(root, step)) return say(`${step.name}: up to date`);
      say(`${step.name}: building…`);
      await run(root, step.command, step.env);
    });
  }
}

/** Fresh when the output exists and is newer than every input file. */
export async function isFresh(root: string, step: BuildStep): Promise<boolean> {
  const output = await fs.stat(path.join(root, step.output)).catch(() => undefined);
  if (!output) return false;
  for (const input of step.inputs) {
    if ((await newestMtime(path.join(root, input))) > output.mtimeMs) return false;
  }
  return true;
}

async function newestMtime(file: string): Promise<number> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of await fs.readdir(file, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
    newest = Math.max(newest, await newestMtime(path.join(file, entry.name)));
  }
  return newest;
}

function run(cwd: string, [command, ...args]: BuildStep['command'], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
