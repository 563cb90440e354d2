import { isValidDate } from '@pams/shared-util';
import { publicError } from './errors/internal-error.js';
import { isUuid } from './sql-input.js';

export type SortDirection = 'asc' | 'desc';

const MAX_BIGINT = 2n ** 63n - 1n;

/** How a key value is bound, and which values a cursor may carry (a malformed one would be a database error). */
const KEY_KINDS = {
  text: { param: '?', accepts: () => true },
  uuid: { param: '?::uuid', accepts: isUuid },
  date: { param: '?::date', accepts: (value: string) => isValidDate(value) },
  // PostgreSQL's timestamp text keeps microseconds, which a JavaScript Date would lose.
  timestamptz: { param: '?::timestamptz', accepts: (value: string) => !Number.isNaN(Date.parse(value)) },
  // int8 arrives from pg as its decimal text.
  bigint: { param: '?::bigint', accepts: (value: string) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT },
} as const;

export type KeyKind = keyof typeof KEY_KINDS;

/** One column of a sort key; keys must be null-free (a null never compares, so its rows would be skipped). */
export interface KeyColumn<Row> {
  /** The SQL expression ordered and compared on, e.g. `lower(a.name)`. */
  readonly sql: string;
  readonly direction: SortDirection;
  readonly kind: KeyKind;
  /** The value of `sql` in a fetched row, as the cursor carries it. */
  readonly read: (row: Row) => string;
}

/** A condition to AND into a statement's WHERE, with its `?` parameters in order. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface KeysetConnection<Node> {
  nodes: Node[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** What one page's statement needs, and how its rows become the connection. */
export interface KeysetPage<Row> {
  /** Rows strictly after the cursor in the key's order; null on the first page. */
  readonly where: SqlCondition | null;
  /** The ORDER BY list, without the keywords. */
  readonly orderBy: string;
  /** One row more than the page: whether it comes back tells hasNextPage. */
  readonly limit: number;
  /** `nodesOf` maps the page's rows (never the extra one) to its nodes. */
  connection<Node>(rows: readonly Row[], nodesOf: (page: readonly Row[]) => Node[]): KeysetConnection<Node>;
}

export interface Keyset<Row> {
  readonly columns: readonly KeyColumn<Row>[];
  /** The ORDER BY list, without the keywords (also for unpaged reads in the same order). */
  readonly orderBy: string;
  /** `size` is already checked (checkedPageSize); `after` is the client's opaque cursor. */
  page(size: number, after: string | null | undefined): KeysetPage<Row>;
}

/** Opaque keyset cursors: base64url of a JSON tuple of the sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, kinds: readonly KeyKind[]): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (Array.isArray(key) && key.length === kinds.length && key.every((value, i) => typeof value === 'string' && KEY_KINDS[kinds[i]].accepts(value))) {
    return key as string[];
  }
  throw publicError('BAD_USER_INPUT', 'Invalid cursor.');
}

interface Run {
  left: string;
  right: string;
  /** `>` for an ascending run, `<` for a descending one. */
  after: '>' | '<';
  values: string[];
}

/** Columns next to each other with one direction compare as one row value (an index range). */
function runsOf<Row>(columns: readonly KeyColumn<Row>[], key: readonly string[]): Run[] {
  const groups: { columns: KeyColumn<Row>[]; values: string[] }[] = [];
  columns.forEach((column, i) => {
    const last = groups[groups.length - 1];
    if (last && last.columns[0].direction === column.direction) {
      last.columns.push(column);
      last.values.push(key[i]);
    } else groups.push({ columns: [column], values: [key[i]] });
  });
  const tuple = (parts: string[]) => (parts.length === 1 ? parts[0] : `(${parts.join(', ')})`);
  return groups.map((group) => ({
    left: tuple(group.columns.map((c) => c.sql)),
    right: tuple(group.columns.map((c) => KEY_KINDS[c.kind].param)),
    after: group.columns[0].direction === 'asc' ? '>' : '<',
    values: group.values,
  }));
}

/**
 * Rows after `key` in lexicographic order with each column's own direction, over runs of one
 * direction: `r1 after v1 or (r1 = v1 and (r2 after v2 or (r2 = v2 and …)))`, led by
 * `r1 after-or-equal v1` so that an index on the key still starts its scan at the cursor.
 */
function afterKey<Row>(columns: readonly KeyColumn<Row>[], key: readonly string[]): SqlCondition {
  const runs = runsOf(columns, key);
  const strictly = (run: Run): SqlCondition => ({ sql: `${run.left} ${run.after} ${run.right}`, params: run.values });
  let condition = strictly(runs[runs.length - 1]);
  for (let i = runs.length - 2; i >= 0; i--) {
    const run = runs[i];
    const head = strictly(run);
    condition = {
      sql: `(${head.sql} or (${run.left} = ${run.right} and ${condition.sql}))`,
      params: [...head.params, ...run.values, ...condition.params],
    };
  }
  if (runs.length === 1) return condition;
  const first = runs[0];
  return { sql: `${first.left} ${first.after}= ${first.right} and ${condition.sql}`, params: [...first.values, ...condition.params] };
}

/** One sort key, described once, pages a read model: WHERE after the cursor, ORDER BY, LIMIT, connection. */
export function defineKeyset<Row>(columns: readonly KeyColumn<Row>[]): Keyset<Row> {
  if (columns.length === 0) throw new Error('A keyset needs at least one column.');
  const orderBy = columns.map((c) => `${c.sql} ${c.direction}`).join(', ');
  const kinds = columns.map((c) => c.kind);
  return {
    columns,
    orderBy,
    page(size, after) {
      const where = after ? afterKey(columns, decodeCursor(after, kinds)) : null;
      return {
        where,
        orderBy,
        limit: size + 1,
        connection(rows, nodesOf) {
          const page = rows.length > size ? rows.slice(0, size) : rows;
          const last = page[page.length - 1];
          return {
            nodes: nodesOf(page),
            pageInfo: {
              endCursor: last === undefined ? null : encodeCursor(columns.map((c) => c.read(last))),
              hasNextPage: rows.length > size,
            },
          };
        },
      };
    },
  };
}
