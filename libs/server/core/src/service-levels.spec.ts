import { describe, expect, it } from 'vitest';
import { percentile, ServiceLevelTracker } from './service-levels.js';

const CONFIG = { windowMinutes: 5, activitiesP95Ms: 300, errorRatePercent: 1 };
const MINUTE = 60_000;

function trackerAt(start: number) {
  let now = start;
  const tracker = new ServiceLevelTracker(CONFIG, () => now);
  return { tracker, advance: (ms: number) => (now += ms) };
}

describe('percentile', () => {
  it('is the nearest rank', () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 95)).toBe(95);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
});

describe('ServiceLevelTracker', () => {
  it('reports p95 of activities queries and the server error rate over the window, against their thresholds', () => {
    const { tracker } = trackerAt(Date.UTC(2026, 11, 7, 6, 0, 10));
    expect(tracker.report().objectives.map((o) => [o.key, o.current, o.met, o.samples])).toEqual([
      ['activitiesP95', null, null, 0],
      ['errorRate', null, null, 0],
    ]);
    for (let i = 1; i <= 100; i++) tracker.record({ activitiesQuery: true, durationMs: i * 4, serverError: false });
    for (let i = 0; i < 98; i++) tracker.record({ activitiesQuery: false, durationMs: 1, serverError: false });
    tracker.record({ activitiesQuery: false, durationMs: 1, serverError: true });
    tracker.record({ activitiesQuery: false, durationMs: 1, serverError: true });
    const [p95, errors] = tracker.report().objectives;
    expect(p95).toMatchObject({ current: 380, threshold: 300, met: false, samples: 100, unit: 'ms' });
    expect(errors).toMatchObject({ current: 1, threshold: 1, met: true, samples: 200, unit: '%' });
  });

  it('forgets what is older than the window, and keeps the last hour per minute for the charts', () => {
    const { tracker, advance } = trackerAt(Date.UTC(2026, 11, 7, 6, 0, 0));
    tracker.record({ activitiesQuery: true, durationMs: 900, serverError: true });
    advance(5 * MINUTE);
    tracker.record({ activitiesQuery: true, durationMs: 20, serverError: false });
    const report = tracker.report();
    expect(report.objectives[0]).toMatchObject({ current: 20, met: true, samples: 1 });
    expect(report.objectives[1]).toMatchObject({ current: 0, met: true, samples: 1 });
    expect(report.minutes).toHaveLength(60);
    expect(report.minutes.at(-1)).toMatchObject({ minute: new Date(Date.UTC(2026, 11, 7, 6, 5)), operations: 1, activitiesP95Ms: 20, errorRatePercent: 0 });
    expect(report.minutes.at(-6)).toMatchObject({ minute: new Date(Date.UTC(2026, 11, 7, 6, 0)), operations: 1, activitiesP95Ms: 900, errorRatePercent: 100 });
    expect(report.minutes.at(-2)).toMatchObject({ operations: 0, activitiesP95Ms: null, errorRatePercent: null });
    advance(60 * MINUTE);
    expect(tracker.report().minutes.every((m) => m.operations === 0)).toBe(true);
  });

  it('keeps a bounded sample of a busy minute', () => {
    const { tracker } = trackerAt(Date.UTC(2026, 11, 7, 6, 0, 0));
    for (let i = 0; i < 10_000; i++) tracker.record({ activitiesQuery: true, durationMs: 10, serverError: false });
    const [p95] = tracker.report().objectives;
    expect(p95).toMatchObject({ current: 10, samples: 10_000 });
  });
});
