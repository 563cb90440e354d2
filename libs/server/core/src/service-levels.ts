import type { AppConfig } from './config.js';

/** The root fields whose operations count as "activities queries" for the latency objective (the month view and the history). */
export const ACTIVITIES_QUERY_FIELDS: ReadonlySet<string> = new Set(['activities', 'activity', 'activityHistory']);

/** What one answered GraphQL operation tells the service levels. */
export interface OperationSample {
  /** A query whose root fields include an activities read. */
  activitiesQuery: boolean;
  durationMs: number;
  /** Failed on our side (INTERNAL_SERVER_ERROR or no code); a refusal of bad input or access is not a fault. */
  serverError: boolean;
}

export interface ServiceLevelObjective {
  key: 'activitiesP95' | 'errorRate';
  label: string;
  unit: 'ms' | '%';
  threshold: number;
  /** Null when nothing was measured in the window. */
  current: number | null;
  /** Operations the current value rests on. */
  samples: number;
  /** Null when nothing was measured. */
  met: boolean | null;
}

export interface ServiceLevelMinute {
  /** Start of the minute (UTC). */
  minute: Date;
  operations: number;
  errorRatePercent: number | null;
  activitiesP95Ms: number | null;
}

export interface ServiceLevelReport {
  windowMinutes: number;
  since: Date;
  objectives: ServiceLevelObjective[];
  /** The last hour, a minute per entry, oldest first (the page's charts). */
  minutes: ServiceLevelMinute[];
}

/** Anything that can report the service levels (the tracker; the request context carries one). */
export interface ServiceLevels {
  report(): ServiceLevelReport;
}

interface Slot {
  minute: number;
  operations: number;
  serverErrors: number;
  /** Durations of activities queries, a uniform sample of at most SAMPLE_CAP of the `seen`. */
  activitiesMs: number[];
  seen: number;
}

const MINUTE = 60_000;
const HISTORY_MINUTES = 60;
const SAMPLE_CAP = 2_000;

/** Nearest-rank percentile of unsorted values (null for none). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The service-level objectives of one gateway process (P-018): p95 latency of activities queries and the
 * server error rate over the last `SLO_WINDOW_MINUTES`, kept per minute for an hour. In memory, per
 * process: with several processes each reports its own (Prometheus, from `/metrics`, has them all).
 */
export class ServiceLevelTracker implements ServiceLevels {
  private readonly slots: Slot[] = [];
  private readonly started: number;

  constructor(
    private readonly config: AppConfig['slo'],
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  record(sample: OperationSample): void {
    const slot = this.slotAt(Math.floor(this.now() / MINUTE) * MINUTE);
    slot.operations += 1;
    if (sample.serverError) slot.serverErrors += 1;
    if (sample.activitiesQuery) {
      slot.seen += 1;
      if (slot.activitiesMs.length < SAMPLE_CAP) slot.activitiesMs.push(sample.durationMs);
      else {
        // Reservoir sampling: every duration of the minute equally likely to be kept.
        const at = Math.floor(Math.random() * slot.seen);
        if (at < SAMPLE_CAP) slot.activitiesMs[at] = sample.durationMs;
      }
    }
  }

  report(): ServiceLevelReport {
    const current = Math.floor(this.now() / MINUTE) * MINUTE;
    const windowStart = current - (this.config.windowMinutes - 1) * MINUTE;
    const inWindow = this.slots.filter((s) => s.minute >= windowStart);
    const operations = inWindow.reduce((n, s) => n + s.operations, 0);
    const errors = inWindow.reduce((n, s) => n + s.serverErrors, 0);
    const durations = inWindow.flatMap((s) => s.activitiesMs);
    const p95 = percentile(durations, 95);
    const errorRate = operations === 0 ? null : round1((errors * 100) / operations);
    const bySlot = new Map(this.slots.map((s) => [s.minute, s]));
    const minutes: ServiceLevelMinute[] = [];
    for (let m = current - (HISTORY_MINUTES - 1) * MINUTE; m <= current; m += MINUTE) {
      const slot = bySlot.get(m);
      minutes.push({
        minute: new Date(m),
        operations: slot?.operations ?? 0,
        errorRatePercent: slot && slot.operations > 0 ? round1((slot.serverErrors * 100) / slot.operations) : null,
        activitiesP95Ms: slot ? percentile(slot.activitiesMs, 95) : null,
      });
    }
    return {
      windowMinutes: this.config.windowMinutes,
      since: new Date(Math.max(windowStart, this.started)),
      objectives: [
        {
          key: 'activitiesP95',
          label: 'p95 latency of activities queries',
          unit: 'ms',
          threshold: this.config.activitiesP95Ms,
          current: p95 === null ? null : round1(p95),
          samples: inWindow.reduce((n, s) => n + s.seen, 0),
          met: p95 === null ? null : p95 <= this.config.activitiesP95Ms,
        },
        {
          key: 'errorRate',
          label: 'Server error rate (all operations)',
          unit: '%',
          threshold: this.config.errorRatePercent,
          current: errorRate,
          samples: operations,
          met: errorRate === null ? null : errorRate <= this.config.errorRatePercent,
        },
      ],
      minutes,
    };
  }

  private slotAt(minute: number): Slot {
    const last = this.slots.at(-1);
    if (last?.minute === minute) return last;
    const slot: Slot = { minute, operations: 0, serverErrors: 0, activitiesMs: [], seen: 0 };
    this.slots.push(slot);
    while (this.slots.length > 0 && this.slots[0].minute <= minute - HISTORY_MINUTES * MINUTE) this.slots.shift();
    return slot;
  }
}
