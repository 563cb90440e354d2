import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATIONS_FILE, REMOTE_ENTRY_FILE, REMOTE_MANIFEST_FILE } from '@pams/shared-remote-contract';
import { deployRemote, rollbackRemote } from './deploy.js';
import { OperationCheckError } from './operation-check.js';

const SCHEMA = `type Query { auditEvents(first: Int): [AuditEvent!]! }
type AuditEvent { id: ID! action: String! }`;

let root: string;
let deployDir: string;

/** What `vite build` of the admin remote leaves in apps/admin/dist, reduced to the files deploy reads. */
async function buildAdmin(version: string, query: string): Promise<void> {
  const dist = path.join(root, 'apps', 'admin', 'dist');
  await fs.rm(dist, { recursive: true, force: true });
  await fs.mkdir(dist, { recursive: true });
  await fs.writeFile(path.join(dist, REMOTE_ENTRY_FILE), `export const version = ${JSON.stringify(version)};\n`);
  await fs.writeFile(path.join(dist, REMOTE_MANIFEST_FILE), JSON.stringify({ name: 'admin', version }));
  const document = JSON.parse(JSON.stringify(parse(query, { noLocation: true }))) as unknown;
  await fs.writeFile(path.join(dist, OPERATIONS_FILE), JSON.stringify({ documents: [{ name: 'History', document }] }));
}

async function manifestSlot(): Promise<string | undefined> {
  const manifest = JSON.parse(await fs.readFile(path.join(deployDir, 'remotes.json'), 'utf8')) as { remotes: { name: string; slot?: string }[] };
  return manifest.remotes.find((remote) => remote.name === 'admin')?.slot;
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pams-deploy-'));
  deployDir = path.join(root, 'deploy');
  await fs.writeFile(path.join(root, 'schema.graphql'), SCHEMA);
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('admin remote deploy', () => {
  it('publishes a valid build, refuses one whose operation no longer validates, and rolls back', async () => {
    const options = { root, deployDir, build: false };
    await buildAdmin('v1', 'query History { auditEvents(first: 5) { id action } }');
    const first = await deployRemote('admin', options);
    await buildAdmin('v2', 'query History { auditEvents(first: 10) { id action } }');
    const second = await deployRemote('admin', options);
    expect(second.slot).not.toBe(first.slot);
    expect(await manifestSlot()).toBe(second.slot);

    // v3 asks for a field the gateway's schema does not have: refused, nothing published.
    await buildAdmin('v3', 'query History { auditEvents { id actorId } }');
    const refused = await deployRemote('admin', options).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OperationCheckError);
    expect(String((refused as Error).message)).toContain('Cannot query field "actorId" on type "AuditEvent".');
    expect(await manifestSlot()).toBe(second.slot);
    const slots = (await fs.readdir(path.join(deployDir, 'remotes', 'admin'))).filter((name) => !name.endsWith('.json'));
    expect(slots.sort()).toEqual([first.slot, second.slot].sort());

    const back = await rollbackRemote('admin', { deployDir });
    expect(back).toEqual({ name: 'admin', from: second.slot, to: first.slot });
    expect(await manifestSlot()).toBe(first.slot);
    await expect(rollbackRemote('admin', { deployDir })).rejects.toThrow(/no earlier version/);
  });
});
