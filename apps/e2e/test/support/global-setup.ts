import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '@pams/gateway';
import { provideTestDatabase } from '@pams/gateway/test-support';
import { ensureChromium } from '../../src/chromium.js';

/**
 * Once per run: a Chromium to drive (installed when possible, else one line saying what to do), the
 * front ends built if their sources changed (the same steps and lock as `npm start`), and the test
 * PostgreSQL with the migrated template database each test file clones: the gateway's own test setup,
 * so the two suites share it.
 */
export default async function setup(project: TestProject) {
  ensureChromium((line) => console.log(line));
  await run(process.execPath, ['--import', 'tsx', 'tools/deploy/deploy-cli.ts', 'build']);
  return provideTestDatabase(project);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (exit ${code})`))));
  });
}
