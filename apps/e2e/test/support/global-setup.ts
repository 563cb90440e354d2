import type { TestProject } from 'vitest/node';
import { provideTestDatabase } from '@pams/gateway/test-support';
import { ensureChromium } from '../../src/chromium.js';
import { deployCli } from './deploy.js';

/**
 * Once per run: a Chromium to drive (installed when possible, else one line saying what to do), the
 * front ends built if their sources changed (the same steps and lock as `npm start`), and the test
 * PostgreSQL with the migrated template database each test file clones: the gateway's own test setup,
 * so the two suites share it.
 */
export default async function setup(project: TestProject) {
  ensureChromium((line) => console.log(line));
  await deployCli(['build'], { print: true });
  return provideTestDatabase(project);
}
