import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Something `npm start` must build before serving (a front end), skipped while its output is fresh. */
export interface BuildStep {
  name: string;
  /** Files or folders (relative to the repository root) whose changes make the output stale. */
  inputs: string[];
  /** A file the build writes last (e.g. `apps/shell/dist/index.html`). */
  output: string;
  /** Command and arguments, run from the repository root. */
  command: [string, ...string[]];
}

/** Filled by the front-end milestones (shell, activities, reports, admin). */
export const buildSteps: BuildStep[] = [];

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.nx', '.data', 'coverage']);

/** Runs each stale step in order; a failed build stops the start. */
export async function buildWhatIsNeeded(root: string, steps: BuildStep[], say: (line: string) => void): Promise<void> {
  for (const step of steps) {
    if (await isFresh(root, step)) {
      say(`${step.name}: up to date`);
      continue;
    }
    say(`${step.name}: building…`);
    await run(root, step.command);
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

function run(cwd: string, [command, ...args]: BuildStep['command']): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${[command, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
