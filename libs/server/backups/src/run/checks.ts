import type pg from 'pg';

/** What one table held: rows, the largest integer id, and checksums of its ids and of its whole content. */
export interface TableCheck {
  rows: number;
  /** Integer ids only (audit_event's bigserial); null for uuid keys and tables without `id`. */
  maxId: string | null;
  /** Sum of a 64-bit hash of each id (order-free, so no sort of a million keys); null without `id`. */
  idChecksum: string | null;
  /** Sum of a 64-bit hash of each row's full text: any changed, missing or extra row moves it. */
  contentChecksum: string;
}

/** The figures a backup is verified by: taken from the live database in the dump's own snapshot, and again from the restore. */
export interface BackupChecks {
  tables: Record<string, TableCheck>;
  /** Effort of live (not deleted) activities, the figure the monthly numbers rest on. */
  effort: { activities: number; days: number; halfHours: number };
}

/** One figure that differs between the live database at dump time and the restore. */
export interface CheckMismatch {
  check: string;
  expected: string;
  actual: string;
}

type Queryable = Pick<pg.Client, 'query'>;

/**
 * Row text depends on the session's settings (a timestamptz prints in the session's zone); both sides
 * set the same ones so equal rows hash equal.
 */
const SESSION_SETTINGS = `set local timezone = 'UTC'; set local datestyle = 'ISO, YMD'; set local intervalstyle = 'postgres'; set local extra_float_digits = 1; set local bytea_output = 'hex'`;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the application (schema public); the job queue's own schema is dumped but not checked. */
export async function listTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * Takes the checks of `tables` inside the caller's transaction (which must be open: the settings are
 * `set local`). A table that does not exist is reported as such, not thrown, so a restore missing a
 * table reads as a mismatch.
 */
export async function takeChecks(db: Queryable, tables: readonly string[]): Promise<BackupChecks> {
  await db.query(SESSION_SETTINGS);
  const { rows: idColumns } = await db.query<{ table: string; type: string }>(
    `select table_name as table, data_type as type from information_schema.columns where table_schema = 'public' and column_name = 'id'`,
  );
  const present = new Set(await listTables(db));
  const idType = new Map(idColumns.map((c) => [c.table, c.type]));
  const result: BackupChecks = { tables: {}, effort: { activities: 0, days: 0, halfHours: 0 } };
  for (const table of tables) {
    if (!present.has(table)) continue;
    const t = ident(table);
    const type = idType.get(table);
    const integerId = type === 'integer' || type === 'bigint' || type === 'smallint';
    const { rows } = await db.query<{ rows: string; max_id: string | null; id_sum: string | null; content_sum: string }>(
      `select count(*)::text as rows,
              ${integerId ? 'max(id)::text' : 'null'} as max_id,
              ${type ? 'coalesce(sum(hashtextextended(id::text, 0)::numeric), 0)::text' : 'null'} as id_sum,
              coalesce(sum(hashtextextended(x::text, 0)::numeric), 0)::text as content_sum
         from ${t} as x`,
    );
    const [row] = rows;
    result.tables[table] = { rows: Number(row.rows), maxId: row.max_id, idChecksum: row.id_sum, contentChecksum: row.content_sum };
  }
  if (present.has('activity')) {
    const { rows } = await db.query<{ n: string; days: string; half_hours: string }>(
      `select count(*)::text as n, coalesce(sum(effort_days), 0)::text as days, coalesce(sum(effort_half_hours), 0)::text as half_hours
         from activity where deleted_at is null`,
    );
    result.effort = { activities: Number(rows[0].n), days: Number(rows[0].days), halfHours: Number(rows[0].half_hours) };
  }
  return result;
}

/** Every figure of `expected` that `actual` does not hold, in a fixed order (tables by name). */
export function compareChecks(expected: BackupChecks, actual: BackupChecks): CheckMismatch[] {
  const out: CheckMismatch[] = [];
  for (const table of Object.keys(expected.tables).sort()) {
    const want = expected.tables[table];
    const got = actual.tables[table];
    if (!got) {
      out.push({ check: `${table}: table`, expected: 'present', actual: 'missing' });
      continue;
    }
    if (want.rows !== got.rows) out.push({ check: `${table}: rows`, expected: String(want.rows), actual: String(got.rows) });
    if (want.maxId !== got.maxId) out.push({ check: `${table}: max id`, expected: String(want.maxId), actual: String(got.maxId) });
    if (want.idChecksum !== got.idChecksum) out.push({ check: `${table}: id checksum`, expected: String(want.idChecksum), actual: String(got.idChecksum) });
    if (want.contentChecksum !== got.contentChecksum) out.push({ check: `${table}: content checksum`, expected: want.contentChecksum, actual: got.contentChecksum });
  }
  for (const key of ['activities', 'days', 'halfHours'] as const) {
    if (expected.effort[key] !== actual.effort[key]) out.push({ check: `effort: ${key}`, expected: String(expected.effort[key]), actual: String(actual.effort[key]) });
  }
  return out;
}
