import { loadConfig, type AppConfig } from '@pams/server-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether running from source (tsx) or from tests. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const migrationsPath = path.join(repoRoot, 'migrations');

/** Configuration with relative paths (PAMS_DATA_DIR) resolved against the repository root. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig(env, repoRoot);
}
