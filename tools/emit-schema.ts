/** Writes schema.graphql from the code (no database needed). `--check` fails when it is stale. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { printGatewaySchema, repoRoot } from '@pams/gateway';

const file = path.join(repoRoot, 'schema.graphql');
const next = await printGatewaySchema();
if (process.argv.includes('--check')) {
  const current = await fs.readFile(file, 'utf8').catch(() => '');
  if (current !== next) {
    console.error('schema.graphql is stale: run `npm run emit-schema` and commit it.');
    process.exitCode = 1;
  }
} else {
  await fs.writeFile(file, next);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
