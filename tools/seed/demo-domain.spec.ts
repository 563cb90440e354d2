import { describe, expect, it } from 'vitest';
import { Currency, Role } from '@pams/shared-util';
import { dayFromIso, isoDay, monthsBetween } from './dates.js';
import { planDemoDomain, type DemoDomainInput } from './demo-domain.js';
import { DEMO_PEOPLE, DEMO_REGIONS } from './demo-organisation.js';
import { Random } from './random.js';

function input(today: string): DemoDomainInput {
  const rng = new Random('spec');
  return {
    today: dayFromIso(today),
    now: new Date(`${today}T12:00:00Z`),
    regionIds: new Map(DEMO_REGIONS.map((name) => [name, rng.uuid()])),
    people: DEMO_PEOPLE.map((p) => ({ id: rng.uuid(), role: p.role, regions: [...p.regions], active: !p.disabled })),
    rates: new Map(Object.values(Currency).map((c) => [c, '1'])),
  };
}

describe('planDemoDomain', () => {
  it('plans the same organisation from the same input, and moves it with today', () => {
    const a = planDemoDomain(input('2026-03-10'));
    expect(planDemoDomain(input('2026-03-10'))).toEqual(a);

    const later = planDemoDomain(input('2026-03-17'));
    expect(later.activities.map((x) => x.id)).toEqual(a.activities.map((x) => x.id));
    expect(later.activities.map((x) => isoDay(dayFromIso(x.date) - 7))).toEqual(a.activities.map((x) => x.date));
  });

  it('keeps activities within the two years up to today, and only presales people log them', () => {
    const plan = planDemoDomain(input('2026-03-10'));
    const dates = plan.activities.map((x) => x.date).sort();
    expect(dates[0] >= '2024-03-10').toBe(true);
    expect(dates[dates.length - 1] <= '2026-03-10').toBe(true);
    const { people } = input('2026-03-10');
    const roles = new Set(plan.activities.map((x) => people.find((p) => p.id === x.ownerId)!.role));
    expect([...roles].sort()).toEqual([Role.MANAGER, Role.MEMBER]);
  });
});

describe('seed helpers', () => {
  it('draws version-4 uuids, reproducibly', () => {
    const ids = Array.from({ length: 3 }, () => new Random('x').uuid());
    expect(new Set(ids).size).toBe(1);
    const stream = new Random('x');
    const many = Array.from({ length: 10_000 }, () => stream.uuid());
    expect(new Set(many).size).toBe(10_000);
    for (const id of many.slice(0, 100)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('cuts the current month at today', () => {
    const months = monthsBetween(dayFromIso('2025-12-15'), dayFromIso('2026-02-10'));
    expect(months.map((m) => [m.month, isoDay(m.first), isoDay(m.last), m.length])).toEqual([
      ['2025-12', '2025-12-01', '2025-12-31', 31],
      ['2026-01', '2026-01-01', '2026-01-31', 31],
      ['2026-02', '2026-02-01', '2026-02-10', 28],
    ]);
  });
});
