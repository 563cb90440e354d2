import { describe, expect, it } from 'vitest';
import {
  FLOOR_SQL,
  firstDifference,
  floorShapeOf,
  floorTotals,
  monthViewOfFloor,
  monthViewOfGraphql,
  narrowedFloorSql,
  type FloorRow,
} from './month-view-data.js';

const row = (over: Partial<FloorRow> = {}): FloorRow => ({
  id: 'a1',
  version: 1,
  date: '2024-10-03',
  category: 'EXTERNAL',
  type: 'CUSTOMER_CALL',
  owner_id: 'u1',
  owner_name: 'Asha',
  owner_email: 'asha@example.com',
  region_id: 'r1',
  region_name: 'India South',
  account_id: 'ac1',
  account_name: 'Acme',
  project_id: 'p1',
  project_name: 'Rollout',
  effort_days: null,
  effort_half_hours: 3,
  name: null,
  ...over,
});

const graphqlItem = {
  id: 'a1',
  version: 1,
  date: '2024-10-03',
  category: 'EXTERNAL',
  type: 'CUSTOMER_CALL',
  effortDays: null,
  effortHours: 1.5,
  name: null,
  // Key order differs from the floor's on purpose: comparison must not depend on it.
  account: { name: 'Acme', id: 'ac1' },
  project: { id: 'p1', name: 'Rollout' },
  owner: { email: 'asha@example.com', id: 'u1', name: 'Asha' },
  region: { id: 'r1', name: 'India South' },
};

describe('month view comparison', () => {
  it('reads the floor and the gateway into the same rows', () => {
    const rows = [row()];
    const floor = monthViewOfFloor({ month: '2024-10', totals: floorTotals(rows), items: rows });
    const gateway = monthViewOfGraphql({ data: { activities: { month: '2024-10', totals: { count: 1, days: 0, hours: 1.5 }, items: [graphqlItem] } } });
    expect(firstDifference(floor, gateway)).toBeNull();
  });

  it('names the first row that differs, by order or by value', () => {
    const rows = [row(), row({ id: 'a2' })];
    const floor = monthViewOfFloor({ month: '2024-10', totals: floorTotals(rows), items: rows });
    const swapped = monthViewOfFloor({ month: '2024-10', totals: floorTotals(rows), items: [rows[1], rows[0]] });
    expect(firstDifference(floor, swapped)).toMatch(/^row 0: id a1 vs a2/);
    const renamed = monthViewOfFloor({ month: '2024-10', totals: floorTotals(rows), items: [rows[0], row({ id: 'a2', account_name: 'Other' })] });
    expect(firstDifference(floor, renamed)).toMatch(/^row 1 \(a2\)/);
  });

  it('keeps a missing account or project null, not an empty object', () => {
    const view = monthViewOfFloor({ month: '2024-10', totals: floorTotals([]), items: [row({ account_id: null, account_name: null, project_id: null, project_name: null })] });
    expect(view.items[0].account).toBeNull();
    expect(view.items[0].project).toBeNull();
  });

  it('refuses a GraphQL answer with errors', () => {
    expect(() => monthViewOfGraphql({ data: null, errors: [{ message: 'Sign in first.' }] })).toThrow(/Sign in first/);
  });

  it('adds days and half-hours as the month view does', () => {
    expect(floorTotals([row({ effort_days: 2, effort_half_hours: null }), row({ effort_half_hours: 3 })])).toEqual({ count: 2, days: 2, hours: 1.5 });
  });
});

describe('floor SQL shape', () => {
  it('recognises the statement the gateway sends, whatever its layout and placeholders', () => {
    const asMikroOrm = (sql: string) => sql.replace(/\$\d+/g, '?').replace(/\n\s*/g, '\n    ');
    expect(floorShapeOf(['select 1', asMikroOrm(FLOOR_SQL.join)])).toBe('join');
    expect(floorShapeOf([asMikroOrm(FLOOR_SQL.subselect)])).toBe('subselect');
    expect(floorShapeOf([FLOOR_SQL.join.replace('a.name', 'a.topic')])).toBeNull();
    // A no-op alias is no difference; a real one is.
    expect(floorShapeOf([FLOOR_SQL.subselect.replace('a.account_id as account_id', 'a.account_id')])).toBe('subselect');
    expect(floorShapeOf([FLOOR_SQL.subselect.replace('a.account_id as account_id', 'a.account_id as owner_id')])).toBeNull();
  });

  it('narrows with the owner and the last day after the month', () => {
    expect(narrowedFloorSql('join')).toMatch(/a\.date < \$3\s+and a\.owner_id in \(\$4\) and a\.date <= \$5\s+order by/);
  });
});
