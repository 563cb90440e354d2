import type { TestProject } from 'vitest/node';
import { provideTestDatabase } from './template-database.js';

/** Once per run: the test PostgreSQL and its migrated template database (template-database.ts). */
export default function setup(project: TestProject) {
  return provideTestDatabase(project);
}
