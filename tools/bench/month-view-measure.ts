/** One measurement of one server: load in its own process, counters from the server's own process. */
import { fork } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { BenchServer, ChildStats } from './bench-child.js';
import type { LoadRequest, LoadSummary } from './load-worker.js';
import type { Target, Variant, VariantId } from './month-view-servers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LoadPlan {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** One server measured once. */
export interface Measurement {
  variant: VariantId;
  round: number;
  load: LoadSummary;
  requests: number;
  cpuMsPerRequest: number;
  gcMsPerRequest: number;
  statementsPerRequest: number;
  postgresCpuMsPerRequest: number | null;
  loadGeneratorCpuMsPerRequest: number;
  /** Share of the whole machine's CPU busy during the measurement, and the part nobody of ours used. */
  machineBusy: number;
  otherBusy: number | null;
  loadAverage: [number, number, number];
  rssMb: number;
  /** Body bytes of the verified answer (every answer under load had this size). */
  responseBytes: number;
}

export async function measure(
  db: pg.Client,
  server: BenchServer,
  target: Target,
  expectedBodyBytes: number,
  variant: Variant,
  round: number,
  options: LoadPlan,
  /** Runs around the measured load only (the bench profiles through it). */
  around: (measured: () => Promise<void>) => Promise<void> = (measured) => measured(),
): Promise<Measurement> {
  const request = (durationSeconds: number): LoadRequest => ({ ...target.request, connections: options.connections, durationSeconds, expectedBodyBytes });
  if (options.warmupSeconds > 0) checkLoad(await runLoad(request(options.warmupSeconds)), variant, 'warm-up');
  const appName = `pams-bench-${variant.id}`;
  const worker = await startLoadWorker();
  const before = await settledStats(server);
  const pgBefore = await postgresCpuMs(db, appName);
  const machineBefore = machineCpu();
  let summary: LoadSummary | undefined;
  await around(async () => {
    summary = await worker.run(request(options.durationSeconds));
  });
  const load = checkLoad(summary!, variant, 'measurement');
  const after = await settledStats(server);
  const machineAfter = machineCpu();
  const pgAfter = await postgresCpuMs(db, appName);

  const requests = after.requests - before.requests;
  const cpuMs = (after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs) / 1000;
  const pgMs = pgBefore && pgAfter ? postgresDelta(pgBefore, pgAfter) : null;
  const machineTotal = machineAfter.total - machineBefore.total;
  const machineBusyTicks = machineAfter.busy - machineBefore.busy;
  const tickMs = 1000 / CLOCK_TICKS;
  const oursMs = cpuMs + load.cpuMs + (pgMs ?? 0);
  return {
    variant: variant.id,
    round,
    load,
    requests,
    cpuMsPerRequest: cpuMs / requests,
    gcMsPerRequest: (after.gcMs - before.gcMs) / requests,
    statementsPerRequest: (after.statements - before.statements) / requests,
    postgresCpuMsPerRequest: pgMs === null ? null : pgMs / requests,
    loadGeneratorCpuMsPerRequest: load.cpuMs / requests,
    machineBusy: machineTotal > 0 ? machineBusyTicks / machineTotal : 0,
    otherBusy: pgMs === null || machineTotal === 0 ? null : Math.max(0, machineBusyTicks * tickMs - oursMs) / (machineTotal * tickMs),
    loadAverage: os.loadavg() as [number, number, number],
    rssMb: after.rssBytes / 1024 / 1024,
    responseBytes: expectedBodyBytes,
  };
}

/**
 * Counters once the server is idle: when the load generator stops, requests it gave up on may
 * still be running their SQL; counting them half-way would skew the per-request figures.
 */
async function settledStats(server: BenchServer): Promise<ChildStats> {
  let last = await server.stats();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await server.stats();
    if (next.requests === last.requests && next.statements === last.statements) return next;
    last = next;
  }
  return last;
}

function checkLoad(load: LoadSummary, variant: Variant, phase: string): LoadSummary {
  if (load.ok === 0 || load.non2xx > 0 || load.errors > 0 || load.timeouts > 0 || load.mismatches > 0) {
    throw new Error(
      `${variant.label}, ${phase}: ${load.ok} answers ok, ${load.non2xx} not 2xx, ${load.errors} errors, ${load.timeouts} timeouts, ` +
        `${load.mismatches} with a body of another size than the verified answer`,
    );
  }
  return load;
}

/** autocannon in its own process (its CPU is nobody's server's), started before any counter is read. */
async function startLoadWorker(): Promise<{ run(request: LoadRequest): Promise<LoadSummary> }> {
  const child = fork(path.join(here, 'load-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`load generator exited with code ${code} before reporting`)));
  });
  exited.catch(() => undefined);
  const next = () => new Promise<LoadMessage>((resolve) => child.once('message', resolve));
  await Promise.race([next(), exited]);
  return {
    async run(request) {
      const answer = next();
      child.send(request);
      const message = await Promise.race([answer, exited]);
      if (!message.summary) throw new Error(`load generator: ${message.error}`);
      return message.summary;
    },
  };
}

type LoadMessage = { ready?: true; summary?: LoadSummary; error?: string };

async function runLoad(request: LoadRequest): Promise<LoadSummary> {
  return (await startLoadWorker()).run(request);
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU (user + system) of the PostgreSQL backends serving one application name, by pid. */
async function postgresCpuMs(db: pg.Client, appName: string): Promise<Map<number, number> | null> {
  const pids = (await db.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [appName])).rows;
  const result = new Map<number, number>();
  for (const { pid } of pids) {
    let stat: string;
    try {
      stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // that backend just ended
      return null; // PostgreSQL on another machine or user: not measurable from here
    }
    // Fields after "(comm)": state is 3rd, utime 14th, stime 15th (man 5 proc).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    result.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
  }
  return result;
}

function postgresDelta(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  // A backend opened during the run counts from zero (its start-up included: slightly pessimistic).
  for (const [pid, value] of after) ms += value - (before.get(pid) ?? 0);
  return ms;
}

function machineCpu(): { busy: number; total: number } {
  const times = os.cpus().map((cpu) => cpu.times);
  let busy = 0;
  let total = 0;
  for (const t of times) {
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  // os.cpus() reports milliseconds; keep ticks so the PostgreSQL figures share a unit.
  return { busy: busy / (1000 / CLOCK_TICKS), total: total / (1000 / CLOCK_TICKS) };
}
