/** The month-view bench's results: medians over rounds, ratios to the floor of the same round, as markdown or JSON. */
import { profileMarkdown, type ProfileSummary } from './cpu-profile.js';
import type { Measurement } from './month-view-measure.js';
import { VARIANTS, type PageSizeCheck, type VariantId } from './month-view-servers.js';

export interface Environment {
  date: string;
  node: string;
  postgres: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  loadAverageAtStart: [number, number, number];
  database: string;
  dataset: { activities: number; region: string; month: string; monthActivities: number };
  viewer: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  rounds: number;
  floorSql: { shape: string; matchesGateway: boolean; gatewayListSql: string };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface Row {
  variant: VariantId;
  label: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  gcMsPerRequest: number;
  postgresCpuMsPerRequest: number | null;
  statementsPerRequest: number;
  throughputRatio: number;
  p50Ratio: number;
  /**
   * Floor's CPU per request over this server's, counting the server, its PostgreSQL backends and
   * the load generator: the throughput ratio a dedicated machine would show, all CPU-bound.
   * Robust to other work on the machine, which the measured req/s are not.
   */
  cpuBoundRatio: number;
  responseKb: number;
}

/** CPU the whole set-up spends per request of one measurement (PostgreSQL's when measurable). */
const totalCpuMs = (m: Measurement) => m.cpuMsPerRequest + (m.postgresCpuMsPerRequest ?? 0) + m.loadGeneratorCpuMsPerRequest;

export function buildReport(
  variants: readonly VariantId[],
  environment: Environment,
  measurements: Measurement[],
  pageSize: PageSizeCheck[],
  profiles: { variant: VariantId; file: string; requests: number; summary: ProfileSummary }[],
) {
  const floorOf = (round: number) => measurements.find((m) => m.variant === 'floor' && m.round === round)!;
  const rows: Row[] = variants.map((id) => {
    const mine = measurements.filter((m) => m.variant === id);
    const pg = mine.map((m) => m.postgresCpuMsPerRequest);
    return {
      variant: id,
      label: VARIANTS.find((v) => v.id === id)!.label,
      reqPerSec: median(mine.map((m) => m.load.reqPerSec)),
      p50Ms: median(mine.map((m) => m.load.latencyMs.p50)),
      p99Ms: median(mine.map((m) => m.load.latencyMs.p99)),
      cpuMsPerRequest: median(mine.map((m) => m.cpuMsPerRequest)),
      gcMsPerRequest: median(mine.map((m) => m.gcMsPerRequest)),
      postgresCpuMsPerRequest: pg.every((v) => v !== null) ? median(pg as number[]) : null,
      statementsPerRequest: median(mine.map((m) => m.statementsPerRequest)),
      // Each round's ratio is taken against the floor of the same round, then the median.
      throughputRatio: median(mine.map((m) => m.load.reqPerSec / floorOf(m.round).load.reqPerSec)),
      p50Ratio: median(mine.map((m) => m.load.latencyMs.p50 / floorOf(m.round).load.latencyMs.p50)),
      cpuBoundRatio: median(mine.map((m) => totalCpuMs(floorOf(m.round)) / totalCpuMs(m))),
      responseKb: median(mine.map((m) => m.responseBytes / 1024)),
    };
  });
  return { environment, rows, pageSize, measurements, profiles };
}

export function markdownReport(report: ReturnType<typeof buildReport>): string {
  const e = report.environment;
  const f1 = (n: number) => n.toFixed(1);
  const f2 = (n: number) => n.toFixed(2);
  const lines = [
    `Month view: ${e.dataset.region}, ${e.dataset.month} (${e.dataset.monthActivities.toLocaleString('en')} activities of ${e.dataset.activities.toLocaleString('en')}), ` +
      `${e.connections} connections, ${e.warmupSeconds} s warm-up + ${e.durationSeconds} s measured per server, ${e.rounds} round(s)` +
      (e.rounds > 1 ? ' (medians)' : ''),
    `Machine: ${e.cpus} × ${e.cpuModel}, ${e.memoryGb} GB, Node ${e.node}, ${e.postgres}; load average at start ${e.loadAverageAtStart.map(f2).join(' ')}`,
    `Floor SQL: ${e.floorSql.shape} shape, ${e.floorSql.matchesGateway ? 'the same statement as the gateway sends' : '**not** the statement the gateway sends'}; ` +
      `SQL/req of the gateway = session lookup + that statement.`,
    '',
    '| server | req/s | p50 ms | p99 ms | CPU ms/req | GC ms/req | PG CPU ms/req | SQL/req | KB/answer | throughput ratio | p50 ratio | CPU-bound ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.rows.map((r) => {
      const ratio = (value: number) => (r.variant === 'floor' ? '1 (floor)' : `${f2(value)}x`);
      return (
        `| ${r.label} | ${f1(r.reqPerSec)} | ${r.p50Ms} | ${r.p99Ms} | ${f2(r.cpuMsPerRequest)} | ${f2(r.gcMsPerRequest)} | ` +
        `${r.postgresCpuMsPerRequest === null ? 'n/a' : f2(r.postgresCpuMsPerRequest)} | ${f2(r.statementsPerRequest)} | ${r.responseKb.toFixed(0)} | ` +
        `${ratio(r.throughputRatio)} | ${ratio(r.p50Ratio)} | ${ratio(r.cpuBoundRatio)} |`
      );
    }),
    '',
    'Ratios: subject over the floor of the same round (medians over rounds); p50 ratio: lower is better. CPU-bound ratio: ' +
      'floor CPU per request (server + its PostgreSQL backends + load generator) over the same for the server — what req/s would give on a machine doing nothing else.',
    '',
    'Per measurement (machine busy = all cores; other = busy time none of the server, load generator or its PostgreSQL backends used):',
    '',
    '| round | server | req/s | p50 ms | p99 ms | CPU ms/req | load gen CPU ms/req | machine busy | other | load average (1 5 15) | RSS MB |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...report.measurements.map(
      (m) =>
        `| ${m.round} | ${m.variant} | ${f1(m.load.reqPerSec)} | ${m.load.latencyMs.p50} | ${m.load.latencyMs.p99} | ${f2(m.cpuMsPerRequest)} | ` +
        `${f2(m.loadGeneratorCpuMsPerRequest)} | ${(m.machineBusy * 100).toFixed(0)}% | ${m.otherBusy === null ? 'n/a' : `${(m.otherBusy * 100).toFixed(0)}%`} | ` +
        `${m.loadAverage.map(f2).join(' ')} | ${m.rssMb.toFixed(0)} |`,
    ),
    '',
    'SQL statements per request vs page size (same query, narrowed to one owner and a few days):',
    '',
    '| server | rows | SQL/req | rows | SQL/req | constant |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...report.pageSize.map(
      (c) =>
        `| ${c.variant} | ${c.small.rows} | ${f2(c.small.statementsPerRequest)} | ${c.large.rows} | ${f2(c.large.statementsPerRequest)} | ` +
        `${c.small.statementsPerRequest === c.large.statementsPerRequest ? 'yes' : 'NO'} |`,
    ),
  ];
  for (const profile of report.profiles) {
    lines.push(
      '',
      `CPU profile of ${profile.variant} under the same load, ${profile.requests} requests (${profile.file}):`,
      '',
      profileMarkdown(profile.summary, profile.requests),
    );
  }
  return lines.join('\n');
}
