/** The servers the month-view bench compares, how each is asked the month view, and the checks before measuring. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBenchServer, type BenchServer } from './bench-child.js';
import type { LoadRequest } from './load-worker.js';
import {
  MONTH_VIEW_QUERY,
  firstDifference,
  monthViewOfFloor,
  monthViewOfGraphql,
  type BenchDataset,
  type FloorAnswer,
  type MonthView,
  type MonthViewFilter,
} from './month-view-data.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export type VariantId = 'floor' | 'jit' | 'graphql-js' | 'jit-semi64';

export interface Variant {
  id: VariantId;
  label: string;
  script: string;
  nodeFlags: string[];
  executor?: 'jit' | 'graphql-js';
}

export const VARIANTS: Variant[] = [
  { id: 'floor', label: 'floor: raw pg + node:http, 1 hand-written statement', script: 'month-view-floor.ts', nodeFlags: [] },
  { id: 'jit', label: 'gateway (graphql-jit executor, the default)', script: 'month-view-gateway.ts', nodeFlags: [], executor: 'jit' },
  { id: 'graphql-js', label: 'gateway, GRAPHQL_EXECUTOR=graphql-js', script: 'month-view-gateway.ts', nodeFlags: [], executor: 'graphql-js' },
  {
    id: 'jit-semi64',
    label: 'gateway (graphql-jit) + node --max-semi-space-size=64, as `npm start` runs it',
    script: 'month-view-gateway.ts',
    nodeFlags: ['--max-semi-space-size=64'],
    executor: 'jit',
  },
];

export interface PageSizeCheck {
  variant: VariantId;
  small: { rows: number; statementsPerRequest: number };
  large: { rows: number; statementsPerRequest: number };
}

/** How to ask one server for the month view: under load (request) and once, read back (fetchView). */
export interface Target {
  request: Omit<LoadRequest, 'connections' | 'durationSeconds' | 'expectedBodyBytes'>;
  fetchView(filter?: MonthViewFilter): Promise<{ view: MonthView; bytes: number }>;
}

/** The server's own process; PGAPPNAME names its PostgreSQL backends so their CPU can be read. */
export function startVariant(variant: Variant, databaseUrl: string, extraFlags: string[], env: NodeJS.ProcessEnv = {}): Promise<BenchServer> {
  const common = { ...process.env, PGAPPNAME: `pams-bench-${variant.id}`, ...env };
  const childEnv: NodeJS.ProcessEnv =
    variant.id === 'floor'
      ? { ...common, BENCH_DATABASE_URL: databaseUrl }
      : { ...common, DATABASE_URL: databaseUrl, NODE_ENV: 'production', LOG_LEVEL: 'silent', GRAPHQL_EXECUTOR: variant.executor, HOST: '127.0.0.1' };
  return startBenchServer(path.join(here, variant.script), { env: childEnv, nodeFlags: [...variant.nodeFlags, ...extraFlags] });
}

/** The region's month, unfiltered otherwise; `fetchView(filter)` narrows it for the page-size check. */
export function targetOf(variant: Variant, server: BenchServer, dataset: BenchDataset, secret: string): Target {
  const filter: MonthViewFilter = { scope: 'ALL', regionIds: [dataset.region.id] };
  if (variant.id === 'floor') {
    const urlOf = (f: MonthViewFilter) => {
      const params = new URLSearchParams({ month: dataset.month, region: f.regionIds[0] });
      if (f.ownerIds && f.dateTo) {
        params.set('owner', f.ownerIds[0]);
        params.set('dateTo', f.dateTo);
      }
      return `${server.url}/month-view?${params}`;
    };
    return {
      request: { url: urlOf(filter), method: 'GET', headers: {} },
      async fetchView(f = filter) {
        const response = await fetch(urlOf(f));
        const text = await response.text();
        if (!response.ok) throw new Error(`the floor answered ${response.status}: ${text.slice(0, 300)}`);
        return { view: monthViewOfFloor(JSON.parse(text) as FloorAnswer), bytes: Buffer.byteLength(text) };
      },
    };
  }
  const url = `${server.url}/graphql`;
  const headers = { 'content-type': 'application/json', cookie: `pams_session=${secret}` };
  const bodyOf = (f: MonthViewFilter) => JSON.stringify({ operationName: 'MonthView', query: MONTH_VIEW_QUERY, variables: { month: dataset.month, filter: f } });
  return {
    request: { url, method: 'POST', headers, body: bodyOf(filter) },
    async fetchView(f = filter) {
      const response = await fetch(url, { method: 'POST', headers, body: bodyOf(f) });
      const text = await response.text();
      if (!response.ok) throw new Error(`the gateway answered ${response.status}: ${text.slice(0, 300)}`);
      return { view: monthViewOfGraphql(JSON.parse(text)), bytes: Buffer.byteLength(text) };
    },
  };
}

/** Same rows, same order, same values as PostgreSQL's — or the bench stops here. */
export async function verify(target: Target, expected: MonthView, variant: Variant, filter?: MonthViewFilter): Promise<{ bytes: number }> {
  const { view, bytes } = await target.fetchView(filter);
  const difference = firstDifference(expected, view);
  if (difference) throw new Error(`${variant.label} does not return the floor's rows: ${difference}`);
  return { bytes };
}

/** SQL statements per request for ~10 rows and for the full month: equal, or batching is broken. */
export async function pageSizeCheck(
  server: BenchServer,
  target: Target,
  small: MonthViewFilter,
  expectedSmall: MonthView,
  expected: MonthView,
  variant: Variant,
  /** Marks the bench's session as just seen, so no request below refreshes it (one extra statement a minute). */
  freshenSession: () => Promise<void>,
): Promise<PageSizeCheck> {
  const perRequest = async (filter: MonthViewFilter | undefined, reference: MonthView) => {
    await freshenSession();
    await verify(target, reference, variant, filter);
    const before = await server.stats();
    const times = 5;
    for (let i = 0; i < times; i++) await verify(target, reference, variant, filter);
    const after = await server.stats();
    return { rows: reference.items.length, statementsPerRequest: (after.statements - before.statements) / (after.requests - before.requests) };
  };
  const smallResult = await perRequest(small, expectedSmall);
  const largeResult = await perRequest(undefined, expected);
  return { variant: variant.id, small: smallResult, large: largeResult };
}
