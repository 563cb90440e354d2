import type { EntityManager } from '@mikro-orm/postgresql';
import type { LegacyPostCheck } from '../entities/legacy-import.entity.js';
import { KINDS } from '../kinds/index.js';
import type { MonthEffort } from '../kinds/kind-spec.js';

/** The figures a commit or an undo is checked against: live rows per collection, and effort per month. */
export interface Figures {
  rows: Record<string, number>;
  /** YYYY-MM → half hours and days of live activities. */
  effort: Record<string, { days: number; halfHours: number }>;
}

export async function takeFigures(em: EntityManager): Promise<Figures> {
  const rows: Record<string, number> = {};
  for (const spec of Object.values(KINDS)) rows[spec.table] = (await em.execute<{ n: number }[]>(spec.liveRows))[0].n;
  const effort: Figures['effort'] = {};
  const months = await em.execute<{ month: string; days: number; half_hours: number }[]>(
    `select to_char(date, 'YYYY-MM') as month, coalesce(sum(effort_days), 0)::int as days, coalesce(sum(effort_half_hours), 0)::int as half_hours
     from activity where deleted_at is null group by 1`,
  );
  for (const m of months) effort[m.month] = { days: m.days, halfHours: m.half_hours };
  return { rows, effort };
}

/** Effort changes a batch made, per month: what the after figures must differ by. */
export class EffortDelta {
  readonly months = new Map<string, { days: number; halfHours: number }>();

  add(effort: MonthEffort | null, sign: 1 | -1): void {
    if (!effort) return;
    const month = this.months.get(effort.month) ?? { days: 0, halfHours: 0 };
    month.days += sign * effort.days;
    month.halfHours += sign * effort.halfHours;
    this.months.set(effort.month, month);
  }
}

const hours = (halfHours: number) => `${halfHours / 2} h`;

/**
 * Each collection's rows must be its rows before plus what the batch created (minus what it removed),
 * and each month's effort the effort before plus the batch's changes: anything else is a change the
 * batch did not account for.
 */
export function postChecks(before: Figures, after: Figures, table: string, createdRows: number, delta: EffortDelta): LegacyPostCheck[] {
  const checks: LegacyPostCheck[] = [];
  for (const [name, was] of Object.entries(before.rows)) {
    const expected = was + (name === table ? createdRows : 0);
    checks.push({ name: `rows: ${name}`, before: String(was), after: String(after.rows[name]), expected: String(expected), ok: after.rows[name] === expected });
  }
  const months = [...new Set([...Object.keys(before.effort), ...Object.keys(after.effort), ...delta.months.keys()])].sort();
  for (const month of months) {
    const was = before.effort[month] ?? { days: 0, halfHours: 0 };
    const now = after.effort[month] ?? { days: 0, halfHours: 0 };
    const change = delta.months.get(month) ?? { days: 0, halfHours: 0 };
    if (change.days === 0 && change.halfHours === 0 && was.days === now.days && was.halfHours === now.halfHours) continue;
    checks.push({
      name: `effort: ${month}`,
      before: `${was.days} d, ${hours(was.halfHours)}`,
      after: `${now.days} d, ${hours(now.halfHours)}`,
      expected: `${was.days + change.days} d, ${hours(was.halfHours + change.halfHours)}`,
      ok: now.days === was.days + change.days && now.halfHours === was.halfHours + change.halfHours,
    });
  }
  return checks;
}
