/**
 * Both ends of the IPC between the bench and the servers it measures. Each server runs in its own
 * process, so the CPU it spends (process.cpuUsage) is its own and nobody else's; the bench asks for
 * counters before and after a load run and divides the difference by the requests served.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import type http from 'node:http';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';

export interface ChildStats {
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Requests this server received (any route). */
  requests: number;
  /** SQL statements sent (the gateway: statementCount() of @pams/server-core). */
  statements: number;
  gcMs: number;
  gcCount: number;
  rssBytes: number;
  /** V8's heap in use, and memory outside it held by JavaScript objects (Buffers, streams' chunks). */
  heapUsedBytes: number;
  externalBytes: number;
}

type ParentMessage =
  | { type: 'stats' }
  /** A full garbage collection first (when the child runs with --expose-gc), then the stats. */
  | { type: 'gc-stats' }
  | { type: 'stop' }
  | { type: 'capture'; on: boolean }
  | { type: 'profile'; on: true }
  | { type: 'profile'; on: false; file: string };
type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'stats'; stats: ChildStats }
  | { type: 'captured'; sql: string[] }
  | { type: 'profiling' }
  | { type: 'profiled'; file: string }
  | { type: 'failed'; message: string };

/** Records the SQL a server sends while the bench asks it to (never during a measurement). */
export interface SqlCapture {
  start(): void;
  stop(): string[];
}

// ---- child side ----

/** Reports `ready` with the server's URL, answers the bench's questions, and closes cleanly on `stop`. */
export function serveBenchIpc(
  server: http.Server,
  url: string,
  options: { statements: () => number; close: () => Promise<void>; sql?: SqlCapture },
): void {
  if (!process.send) throw new Error('a bench server runs as a child of tools/bench/month-view.ts (needs an IPC channel)');
  let requests = 0;
  server.on('request', () => {
    requests += 1;
  });
  let gcMs = 0;
  let gcCount = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount += 1;
    }
  }).observe({ entryTypes: ['gc'] });

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats' || message.type === 'gc-stats') {
      if (message.type === 'gc-stats') (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      const stats: ChildStats = {
        cpuUserUs: cpu.user,
        cpuSystemUs: cpu.system,
        requests,
        statements: options.statements(),
        gcMs,
        gcCount,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        externalBytes: memory.external,
      };
      send({ type: 'stats', stats });
    } else if (message.type === 'capture') {
      if (message.on) options.sql?.start();
      else send({ type: 'captured', sql: options.sql?.stop() ?? [] });
    } else if (message.type === 'profile') {
      if (message.on) startProfile().then(() => send({ type: 'profiling' }));
      else stopProfile(message.file).then(() => send({ type: 'profiled', file: message.file }));
    } else if (message.type === 'stop') {
      options.close().finally(() => process.exit(0));
    }
  });
  // The bench died: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url });
}

let profiler: Session | undefined;

/** The V8 profiler over just the window the bench asks for (node --cpu-prof would include start-up). */
async function startProfile(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}

async function stopProfile(file: string): Promise<void> {
  if (!profiler) throw new Error('the profiler was not started');
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = undefined;
  await fs.writeFile(file, JSON.stringify(profile));
}

/** A child that could not start says why before it exits. */
export function reportChildFailure(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) send({ type: 'failed', message });
  else console.error(message);
  process.exit(1);
}

function send(message: ChildMessage): void {
  process.send!(message);
}

// ---- parent side ----

export interface BenchServer {
  url: string;
  pid: number;
  stats(): Promise<ChildStats>;
  /** The stats after a full garbage collection (the child must run with --expose-gc; without it, plain stats). */
  statsAfterGc(): Promise<ChildStats>;
  /** The SQL the server sent while `during` ran (empty when it cannot tell). */
  captureSql(during: () => Promise<void>): Promise<string[]>;
  /** A CPU profile of the server while `during` runs, written to `file` (.cpuprofile). */
  profile(file: string, during: () => Promise<void>): Promise<void>;
  /** Asks the child to close and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** Extra node flags (--max-semi-space-size, --cpu-prof …). */
  nodeFlags?: string[];
  timeoutMs?: number;
}

/** Forks `script` under tsx and waits for its `ready`. */
export function startBenchServer(script: string, options: StartOptions): Promise<BenchServer> {
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: options.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    };
    child.once('exit', onExit);
    child.on('message', function onMessage(message: ChildMessage) {
      if (message.type === 'failed') {
        clearTimeout(timer);
        child.off('exit', onExit);
        reject(new Error(`${script} failed to start:\n${message.message}`));
      } else if (message.type === 'ready') {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(handleOf(child, message.url));
      }
    });
  });
}

function handleOf(child: ChildProcess, url: string): BenchServer {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ask = <T extends ChildMessage['type']>(message: ParentMessage, answer: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      if (child.exitCode !== null) return reject(new Error(`server ${child.pid} has exited`));
      const onMessage = (reply: ChildMessage) => {
        if (reply.type !== answer) return;
        child.off('message', onMessage);
        resolve(reply as Extract<ChildMessage, { type: T }>);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  return {
    url,
    pid: child.pid!,
    async stats() {
      return (await ask({ type: 'stats' }, 'stats')).stats;
    },
    async statsAfterGc() {
      return (await ask({ type: 'gc-stats' }, 'stats')).stats;
    },
    async captureSql(during) {
      child.send({ type: 'capture', on: true } satisfies ParentMessage);
      const stop = () => ask({ type: 'capture', on: false }, 'captured');
      try {
        await during();
      } catch (error) {
        await stop();
        throw error;
      }
      return (await stop()).sql;
    },
    async profile(file, during) {
      await ask({ type: 'profile', on: true }, 'profiling');
      try {
        await during();
      } finally {
        await ask({ type: 'profile', on: false, file }, 'profiled');
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'stop' } satisfies ParentMessage);
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
