/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by package
 * (or GC, native, idle), by function, and total (inclusive) time of the heaviest functions.
 * `node --import tsx tools/bench/cpu-profile.ts <file.cpuprofile>` prints it on its own.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Sampled time without (idle). */
  busyMs: number;
  idleMs: number;
  byPackage: ProfileEntry[];
  selfByFunction: ProfileEntry[];
  totalByFunction: ProfileEntry[];
}

/** node_modules/<pkg>, node:<module>, our workspace folders, or V8's pseudo frames. */
export function packageOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const workspace = /\/(apps|libs\/[^/]+|tools)\/([^/]+)\//.exec(url);
  if (workspace) return `pams: ${workspace[1]}/${workspace[2]}`;
  return url;
}

function frameName(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  let where = url.startsWith('file://') ? fileURLToPath(url) : url;
  const modules = where.lastIndexOf('node_modules/');
  where = modules >= 0 ? where.slice(modules + 'node_modules/'.length) : path.relative(root, where);
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
}

const PLUMBING = new Set(['runMicrotasks', '(program)', 'callbackTrampoline']);

export function summariseProfile(profile: CpuProfile, root: string, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute it to that sample's frame.
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
  }

  let idleMs = 0;
  const packages = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const pkg = packageOf(node.callFrame.url, node.callFrame.functionName);
    if (pkg === 'idle') {
      idleMs += ms;
      continue;
    }
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    const name = frameName(node, root);
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + ms);
    // Inclusive time: every distinct function on the stack (recursion counted once); Node's own
    // plumbing (event loop, streams, microtasks) is on every stack and says nothing.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      if (frame.callFrame.functionName === '(root)') break;
      if (frame.callFrame.url.startsWith('node:') || (!frame.callFrame.url && PLUMBING.has(frame.callFrame.functionName))) continue;
      const fn = frameName(frame, root);
      if (seen.has(fn)) continue;
      seen.add(fn);
      totalByFunction.set(fn, (totalByFunction.get(fn) ?? 0) + ms);
    }
  }
  const busyMs = [...packages.values()].reduce((a, b) => a + b, 0);
  const ranked = (map: Map<string, number>, n: number): ProfileEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: busyMs > 0 ? ms / busyMs : 0 }));
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    byPackage: ranked(packages, top),
    selfByFunction: ranked(selfByFunction, top),
    totalByFunction: ranked(totalByFunction, top + 10),
  };
}

export async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as CpuProfile;
}

/** `requests`: how many requests the profile covers, for a per-request column. */
export function profileMarkdown(summary: ProfileSummary, requests?: number): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  const perRequest = (ms: number) => (requests ? ` ${(ms / requests).toFixed(2)} |` : '');
  const table = (title: string, entries: ProfileEntry[]) =>
    [
      `| ${title} | ms |${requests ? ' ms/req |' : ''} share of busy |`,
      `| --- | ---: |${requests ? ' ---: |' : ''} ---: |`,
      ...entries.map((e) => `| ${e.name.replace(/\|/g, '\\|')} | ${e.ms} |${perRequest(e.ms)} ${pct(e.share)} |`),
    ].join('\n');
  return [
    `Busy ${summary.busyMs} ms sampled${requests ? ` (${(summary.busyMs / requests).toFixed(2)} ms per request)` : ''}, idle ${summary.idleMs} ms.`,
    '',
    table('self time by package', summary.byPackage),
    '',
    table('self time by function', summary.selfByFunction),
    '',
    table('total (inclusive) time by function', summary.totalByFunction),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node --import tsx tools/bench/cpu-profile.ts <file.cpuprofile>');
    process.exitCode = 2;
  } else {
    console.log(profileMarkdown(summariseProfile(await readProfile(file), process.cwd())));
  }
}
