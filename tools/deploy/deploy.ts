import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import {
  DEPLOY_LAYOUT,
  parseRemoteManifest,
  REMOTE_ENTRY_FILE,
  REMOTE_MANIFEST_FILE,
  REMOTE_NAME,
  remoteEntryUrl,
  type RemoteManifest,
  type RemoteManifestEntry,
} from '@pams/shared-remote-contract';
import { buildApp } from './build-app.js';
import { withBuildLock } from './build-lock.js';
import { assertOperationsValid } from './operation-check.js';

/**
 * Deploys front ends into the deploy folder the gateway serves (DEPLOY_LAYOUT, docs/adr/0009):
 * - a remote goes into a new slot named by its content hash, then remotes.json points at it — the shell
 *   is not touched, and pages already open keep their old slot's files;
 * - the shell's hashed assets are added next to the old ones, its index.html replaced last;
 * - before either is published, every GraphQL operation of the build must validate against the gateway's
 *   schema (docs/adr/0019), or nothing changes;
 * - `rollbackRemote` points remotes.json back at the slot deployed before the current one.
 */
export interface DeployOptions {
  /** The repository root (apps/<name> is built from there). */
  root: string;
  /** The deploy folder: `<PAMS_DATA_DIR>/deploy`. */
  deployDir: string;
  /** Build now (default), or deploy what `apps/<name>/dist` already holds. */
  build?: boolean;
  /** Passed to the build as VITE_PAMS_BUILD_LABEL. */
  label?: string;
  /** Slots of a remote kept on disk besides the current one, for pages still open on them. */
  keepSlots?: number;
  /** The schema the build's operations must validate against (default: `<root>/schema.graphql`, the gateway's). */
  schemaFile?: string;
}

/** Each remote's deploy history: its slots in the order they went live, the current one last (for rollback). */
const HISTORY_FILE = 'history.json';

export interface DeployedRemote extends RemoteManifestEntry {
  slot: string;
  /** False when this very build was already deployed in that slot. */
  changed: boolean;
}

export async function deployRemote(name: string, options: DeployOptions): Promise<DeployedRemote> {
  if (!REMOTE_NAME.test(name)) throw new Error(`"${name}" is not a remote name`);
  const remotesDir = path.join(options.deployDir, DEPLOY_LAYOUT.remotesDir, name);
  const staging = await stage(name, options);
  try {
    for (const file of [REMOTE_ENTRY_FILE, REMOTE_MANIFEST_FILE]) {
      if (!(await exists(path.join(staging, file)))) throw new Error(`the build of ${name} has no ${file}: is it a federation remote?`);
    }
    await assertOperationsValid(name, staging, schemaFileOf(options));
    const slot = await hashTree(staging);
    const target = path.join(remotesDir, slot);
    const changed = !(await exists(target));
    await fs.mkdir(remotesDir, { recursive: true });
    if (changed) await fs.rename(staging, target);
    const deployedAt = new Date().toISOString();
    const entry: DeployedRemote = { name, entry: remoteEntryUrl(name, slot), slot, deployedAt, changed };
    await pointManifestAt(options.deployDir, name, slot, deployedAt);
    const history = (await readHistory(remotesDir)).filter((old) => old !== slot);
    await writeHistory(remotesDir, [...history, slot]);
    await pruneSlots(remotesDir, slot, options.keepSlots ?? 3);
    return entry;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

export interface RolledBackRemote {
  name: string;
  /** The slot that was current. */
  from: string;
  /** The slot remotes.json points at now. */
  to: string;
}

/**
 * Points remotes.json back at the remote's previous slot still on disk (the one deployed before the current
 * one); nothing is rebuilt or deleted, so rolling forward is `deploy remote <name>` again (same build, same slot).
 */
export async function rollbackRemote(name: string, options: Pick<DeployOptions, 'deployDir'>): Promise<RolledBackRemote> {
  if (!REMOTE_NAME.test(name)) throw new Error(`"${name}" is not a remote name`);
  const remotesDir = path.join(options.deployDir, DEPLOY_LAYOUT.remotesDir, name);
  const current = (await readManifest(options.deployDir)).remotes.find((remote) => remote.name === name);
  if (!current?.slot) throw new Error(`${name} is not deployed in ${options.deployDir}: nothing to roll back`);
  const history = await readHistory(remotesDir);
  const earlier = history.slice(0, Math.max(0, history.lastIndexOf(current.slot))).reverse();
  // Slots deployed before the history was kept: newest first by time on disk. Only for a current slot the
  // history does not know: otherwise a second rollback would return to the version just rolled back from.
  const onDisk = await slotsByAge(remotesDir);
  const candidates = history.includes(current.slot) ? earlier : [...earlier, ...onDisk.filter((slot) => !history.includes(slot))];
  let target: string | undefined;
  for (const slot of candidates) {
    if (slot !== current.slot && (await exists(path.join(remotesDir, slot, REMOTE_ENTRY_FILE)))) {
      target = slot;
      break;
    }
  }
  if (!target) throw new Error(`${name}: no earlier version is on disk (kept: ${onDisk.join(', ') || 'none'}); deploy the one you want instead`);
  await pointManifestAt(options.deployDir, name, target, new Date().toISOString());
  // The rolled-back slot leaves the history: a second rollback goes one version further back.
  await writeHistory(remotesDir, [...history.filter((slot) => slot !== current.slot && slot !== target), target]);
  return { name, from: current.slot, to: target };
}

export async function deployShell(options: DeployOptions): Promise<void> {
  const shellDir = path.join(options.deployDir, DEPLOY_LAYOUT.shellDir);
  const staging = await stage('shell', options);
  try {
    if (!(await exists(path.join(staging, 'index.html')))) throw new Error('the shell build has no index.html');
    await assertOperationsValid('shell', staging, schemaFileOf(options));
    await fs.mkdir(shellDir, { recursive: true });
    // Hashed files first (old ones stay for pages still open), the page that names them last, atomically.
    for (const file of await fs.readdir(staging, { recursive: true })) {
      const from = path.join(staging, file);
      if (file === 'index.html' || (await fs.stat(from)).isDirectory()) continue;
      await fs.mkdir(path.dirname(path.join(shellDir, file)), { recursive: true });
      await fs.copyFile(from, path.join(shellDir, file));
    }
    await fs.copyFile(path.join(staging, 'index.html'), path.join(shellDir, 'index.html.next'));
    await fs.rename(path.join(shellDir, 'index.html.next'), path.join(shellDir, 'index.html'));
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

export async function readManifest(deployDir: string): Promise<RemoteManifest> {
  const file = path.join(deployDir, DEPLOY_LAYOUT.manifestFile);
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return text === null ? { remotes: [] } : parseRemoteManifest(JSON.parse(text));
}

function schemaFileOf(options: DeployOptions): string {
  return options.schemaFile ?? path.join(options.root, 'schema.graphql');
}

async function pointManifestAt(deployDir: string, name: string, slot: string, deployedAt: string): Promise<void> {
  await updateManifest(deployDir, (manifest) => ({
    remotes: [...manifest.remotes.filter((remote) => remote.name !== name), { name, entry: remoteEntryUrl(name, slot), slot, deployedAt }].sort((a, b) =>
      a.name.localeCompare(b.name),
    ),
  }));
}

async function readHistory(remotesDir: string): Promise<string[]> {
  const text = await fs.readFile(path.join(remotesDir, HISTORY_FILE), 'utf8').catch(() => '[]');
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((slot): slot is string => typeof slot === 'string') : [];
}

async function writeHistory(remotesDir: string, slots: string[]): Promise<void> {
  const file = path.join(remotesDir, HISTORY_FILE);
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  // Enough to roll back past every slot still on disk.
  await fs.writeFile(temporary, `${JSON.stringify(slots.slice(-20))}\n`);
  await fs.rename(temporary, file);
}

/** Slot folders of a remote, newest first. */
async function slotsByAge(remotesDir: string): Promise<string[]> {
  const entries = await fs.readdir(remotesDir, { withFileTypes: true }).catch(() => []);
  const slots = await Promise.all(
    entries.filter((entry) => entry.isDirectory()).map(async (entry) => ({ name: entry.name, mtime: (await fs.stat(path.join(remotesDir, entry.name))).mtimeMs })),
  );
  return slots.sort((a, b) => b.mtime - a.mtime).map((slot) => slot.name);
}

/** Writes remotes.json through a rename, so the gateway never serves half a file. */
async function updateManifest(deployDir: string, change: (manifest: RemoteManifest) => RemoteManifest): Promise<void> {
  const file = path.join(deployDir, DEPLOY_LAYOUT.manifestFile);
  const next = parseRemoteManifest(change(await readManifest(deployDir)));
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`);
  await fs.rename(temporary, file);
}

/** A fresh build (or a copy of apps/<app>/dist) in a staging folder inside the deploy folder (same disk: rename works). */
async function stage(app: string, options: DeployOptions): Promise<string> {
  const staging = path.join(options.deployDir, `.staging-${app}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(options.deployDir, { recursive: true });
  if (options.build ?? true) {
    await withBuildLock(options.root, () => buildApp(options.root, app, { outDir: staging, label: options.label }));
  } else {
    const dist = path.join(options.root, 'apps', app, 'dist');
    if (!(await exists(dist))) throw new Error(`apps/${app}/dist does not exist: build it first`);
    await fs.cp(dist, staging, { recursive: true });
  }
  await precompress(staging);
  return staging;
}

const COMPRESSIBLE = /\.(js|css|json|svg)$/;
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Writes `<file>.br` and `<file>.gz` beside each script and stylesheet once, at deploy, at the highest
 * quality (too slow per request, free here): the gateway sends the best one a browser accepts.
 */
async function precompress(dir: string): Promise<void> {
  for (const file of await fs.readdir(dir, { recursive: true })) {
    const full = path.join(dir, file);
    if (!COMPRESSIBLE.test(file) || !(await fs.stat(full)).isFile()) continue;
    const content = await fs.readFile(full);
    await fs.writeFile(`${full}.gz`, await gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }));
    await fs.writeFile(
      `${full}.br`,
      await brotliAsync(content, {
        params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
      }),
    );
  }
}

/** The slot name: a hash of every file's path and bytes, so the same build always lands in the same slot. */
async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await fs.readdir(dir, { recursive: true })).sort();
  for (const file of files) {
    const full = path.join(dir, file);
    if ((await fs.stat(full)).isDirectory()) continue;
    hash.update(file.split(path.sep).join('/')).update('\0').update(await fs.readFile(full));
  }
  return hash.digest('hex').slice(0, 12);
}

async function pruneSlots(remotesDir: string, current: string, keep: number): Promise<void> {
  const entries = await fs.readdir(remotesDir, { withFileTypes: true });
  const others = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && entry.name !== current)
      .map(async (entry) => ({ name: entry.name, mtime: (await fs.stat(path.join(remotesDir, entry.name))).mtimeMs })),
  );
  others.sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(keep)) await fs.rm(path.join(remotesDir, old.name), { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
