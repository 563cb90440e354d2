import { REMOTE_ENTRY_FILE } from './remote-module.js';

/**
 * Where deployed front ends live, inside the gateway's data folder (`PAMS_DATA_DIR`, `.data/` by default),
 * and the URLs the gateway serves them at. tools/deploy writes this layout; apps/gateway serves it.
 *   deploy/shell/                  → /
 *   deploy/remotes/<name>/<slot>/  → /remotes/<name>/<slot>/
 *   deploy/remotes.json            → /remotes.json
 */
export const DEPLOY_LAYOUT = {
  /** The deploy folder, relative to the data folder. */
  dir: 'deploy',
  shellDir: 'shell',
  remotesDir: 'remotes',
  manifestFile: 'remotes.json',
  manifestUrl: '/remotes.json',
} as const;

/**
 * The URL the shell registers for one deployed build of a remote: its remoteEntry.js. (The shell is built
 * without the federation snapshot plugin, which would read mf-manifest.json instead: ~2 KiB gz less.)
 */
export function remoteEntryUrl(name: string, slot: string): string {
  return `/${DEPLOY_LAYOUT.remotesDir}/${name}/${slot}/${REMOTE_ENTRY_FILE}`;
}

/**
 * Written by every front-end build beside its entry: the GraphQL documents the build contains, as
 * `{ documents: [{ name, document }] }` (document = the precompiled AST). tools/deploy validates them against
 * the gateway's schema before it publishes the build (docs/adr/0019).
 */
export const OPERATIONS_FILE = 'graphql-operations.json';
