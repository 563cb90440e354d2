/**
 * What the month-view benchmark asks and how it compares answers: the GraphQL document, the floor's
 * hand-written SQL (the read model's exact columns and joins), and one canonical row shape that
 * both servers' answers are turned into before they are compared.
 */
import fs from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';

/** `.data/bench-dataset.json`, written by `npm run seed -- --scale <n>`. */
export interface BenchDataset {
  database: string;
  activities: number;
  region: { id: string; name: string; people: number };
  month: string;
  monthRange: { from: string; to: string };
  monthActivities: number;
  monthPeople: number;
}

export async function readDataset(file: string): Promise<BenchDataset> {
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file} (${error.code}): seed the data set first, \`DATABASE_URL=… npm run seed -- --scale 1000000\``);
  });
  const dataset = JSON.parse(text) as BenchDataset;
  if (!dataset.region?.id || !dataset.month || !dataset.monthRange?.from || !dataset.database) {
    throw new Error(`${file} does not describe a benchmark data set (region, month, monthRange, database)`);
  }
  return dataset;
}

/** The month view's query, as the activities remote asks it. */
export const MONTH_VIEW_QUERY = `query MonthView($month: String!, $filter: ActivityFilter) {
  activities(month: $month, filter: $filter) {
    month
    totals { count days hours }
    items {
      id version date category type effortDays effortHours name
      account { id name } project { id name } owner { id name email } region { id name }
    }
  }
}`;

export interface MonthViewFilter {
  scope: 'ALL';
  regionIds: string[];
  ownerIds?: string[];
  dateTo?: string;
}

const FLOOR_FROM = `from activity a
  join app_user o on o.id = a.owner_id
  left join region r on r.id = a.region_id
  left join account ac on ac.id = a.account_id
  left join project p on p.id = a.project_id
  where a.deleted_at is null and a.region_id in ($1) and a.date >= $2 and a.date < $3
  order by a.date desc, a.created_at desc, a.id desc`;

/**
 * The floor's one statement, by hand: the columns the read model selects for MONTH_VIEW_QUERY
 * (libs/server/activities/src/list/activity-read-model.ts), the same joins, WHERE and ORDER BY.
 * `subselect` is the read model since 31ef05c: account and project names by primary key per row,
 * so PostgreSQL drops the unused joins; `join` is the read model before it (both whole tables
 * hashed for every request). The bench runs the floor in the shape the gateway sends.
 */
export const FLOOR_SQL = {
  join: `select a.id, a.version, a.date::text as date, a.category, a.type,
    o.id as owner_id, o.name as owner_name, o.email as owner_email,
    r.id as region_id, r.name as region_name,
    ac.id as account_id, ac.name as account_name,
    p.id as project_id, p.name as project_name,
    a.effort_days, a.effort_half_hours, a.name
  ${FLOOR_FROM}`,
  subselect: `select a.id, a.version, a.date::text as date, a.category, a.type,
    o.id as owner_id, o.name as owner_name, o.email as owner_email,
    r.id as region_id, r.name as region_name,
    a.account_id as account_id, (select x.name from account x where x.id = a.account_id) as account_name,
    a.project_id as project_id, (select x.name from project x where x.id = a.project_id) as project_name,
    a.effort_days, a.effort_half_hours, a.name
  ${FLOOR_FROM}`,
} as const;

export type FloorShape = keyof typeof FLOOR_SQL;

/** The floor's statement narrowed to one owner up to a day (the page-size check's ~10 rows). */
export function narrowedFloorSql(shape: FloorShape): string {
  return FLOOR_SQL[shape].replace('order by', 'and a.owner_id in ($4) and a.date <= $5\n  order by');
}

/** SQL text compared modulo layout, case, placeholder style (`?` for MikroORM, `$n` for pg) and no-op aliases (`a.x as x`). */
export function normaliseSql(sql: string): string {
  return sql
    .replace(/\$\d+/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\b(\w+)\.(\w+) as \2\b/g, '$1.$2');
}

/** The floor shape whose text is the gateway's list statement, or null when none is. */
export function floorShapeOf(gatewaySql: readonly string[]): FloorShape | null {
  const sent = new Set(gatewaySql.map(normaliseSql));
  for (const shape of Object.keys(FLOOR_SQL) as FloorShape[]) if (sent.has(normaliseSql(FLOOR_SQL[shape]))) return shape;
  return null;
}

/** A row as `pg` returns FLOOR_SQL's. */
export interface FloorRow {
  id: string;
  version: number;
  date: string;
  category: string;
  type: string;
  owner_id: string;
  owner_name: string;
  owner_email: string;
  region_id: string | null;
  region_name: string | null;
  account_id: string | null;
  account_name: string | null;
  project_id: string | null;
  project_name: string | null;
  effort_days: number | null;
  effort_half_hours: number | null;
  name: string | null;
}

export interface Totals {
  count: number;
  days: number;
  hours: number;
}

/** The floor's answer: rows as the driver gives them, plus the totals the month view shows. */
export interface FloorAnswer {
  month: string;
  totals: Totals;
  items: FloorRow[];
}

export function floorTotals(rows: readonly FloorRow[]): Totals {
  let days = 0;
  let halfHours = 0;
  for (const row of rows) {
    if (row.effort_days !== null) days += row.effort_days;
    if (row.effort_half_hours !== null) halfHours += row.effort_half_hours;
  }
  return { count: rows.length, days, hours: halfHours / 2 };
}

interface Named {
  id: string;
  name: string;
}

/** One month-view row, whichever server produced it. */
export interface MonthViewItem {
  id: string;
  version: number;
  date: string;
  category: string;
  type: string;
  effortDays: number | null;
  effortHours: number | null;
  name: string | null;
  account: Named | null;
  project: Named | null;
  owner: { id: string; name: string; email: string };
  region: Named | null;
}

export interface MonthView {
  month: string;
  totals: Totals;
  items: MonthViewItem[];
}

const named = (id: string | null, name: string | null): Named | null => (id === null ? null : { id, name: name ?? '' });

export function monthViewOfFloor(answer: FloorAnswer): MonthView {
  return {
    month: answer.month,
    totals: answer.totals,
    items: answer.items.map((row) => ({
      id: row.id,
      version: row.version,
      date: row.date,
      category: row.category,
      type: row.type,
      effortDays: row.effort_days,
      effortHours: row.effort_half_hours === null ? null : row.effort_half_hours / 2,
      name: row.name,
      account: named(row.account_id, row.account_name),
      project: named(row.project_id, row.project_name),
      owner: { id: row.owner_id, name: row.owner_name, email: row.owner_email },
      region: named(row.region_id, row.region_name),
    })),
  };
}

/** The GraphQL answer's month view; throws with the errors when it has any. */
export function monthViewOfGraphql(body: unknown): MonthView {
  const result = body as { data?: { activities?: MonthView } | null; errors?: unknown[] };
  if (result.errors?.length || !result.data?.activities) {
    throw new Error(`the gateway answered with errors: ${JSON.stringify(result.errors ?? result).slice(0, 500)}`);
  }
  const { month, totals, items } = result.data.activities;
  // Keys in one order, so a difference report reads the same on both sides.
  return {
    month,
    totals: { count: totals.count, days: totals.days, hours: totals.hours },
    items: items.map((item) => ({
      id: item.id,
      version: item.version,
      date: item.date,
      category: item.category,
      type: item.type,
      effortDays: item.effortDays,
      effortHours: item.effortHours,
      name: item.name,
      account: item.account && { id: item.account.id, name: item.account.name },
      project: item.project && { id: item.project.id, name: item.project.name },
      owner: { id: item.owner.id, name: item.owner.name, email: item.owner.email },
      region: item.region && { id: item.region.id, name: item.region.name },
    })),
  };
}

/** Where two month views first differ (ids, order, values), or null when they are the same. */
export function firstDifference(expected: MonthView, actual: MonthView): string | null {
  if (expected.month !== actual.month) return `month: ${expected.month} vs ${actual.month}`;
  if (!isDeepStrictEqual(expected.totals, actual.totals)) return `totals: ${JSON.stringify(expected.totals)} vs ${JSON.stringify(actual.totals)}`;
  if (expected.items.length !== actual.items.length) return `row count: ${expected.items.length} vs ${actual.items.length}`;
  for (let i = 0; i < expected.items.length; i++) {
    const a = expected.items[i];
    const b = actual.items[i];
    if (a.id !== b.id) return `row ${i}: id ${a.id} vs ${b.id} (order or membership differs)`;
    if (!isDeepStrictEqual(a, b)) return `row ${i} (${a.id}): ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  return null;
}
