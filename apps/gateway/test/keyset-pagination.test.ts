import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineKeyset, type Keyset, type KeysetConnection, type SortDirection } from '@pams/server-core';

interface Row {
  day: string;
  name: string;
  id: string;
}

// Ties on every leading column, so each column of the key decides some of the order.
const DAYS = ['2024-05-01', '2024-05-02', '2024-05-03'];
const NAMES = ['ann', 'bob', 'cid'];
const ROWS: Row[] = DAYS.flatMap((day, d) =>
  NAMES.flatMap((name, n) => [0, 1, 2].map((i) => ({ day, name, id: `00000000-0000-4000-8000-${String(d * 100 + n * 10 + i).padStart(12, '0')}` }))),
);
const TABLE = `with t(day, name, id) as (values ${ROWS.map((r) => `('${r.day}'::date, '${r.name}', '${r.id}'::uuid)`).join(', ')})`;

function keysetOf(directions: [SortDirection, SortDirection, SortDirection]): Keyset<Row> {
  return defineKeyset<Row>([
    { sql: 't.day', direction: directions[0], kind: 'date', read: (row) => row.day },
    { sql: 't.name', direction: directions[1], kind: 'text', read: (row) => row.name },
    { sql: 't.id', direction: directions[2], kind: 'uuid', read: (row) => row.id },
  ]);
}

describe('keyset pages on PostgreSQL', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject('serverUrl') });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  /** The statement a read model makes of a page: the helper's `?` parameters numbered for pg. */
  async function select(keyset: Keyset<Row>, size: number, after: string | null): Promise<Row[]> {
    const page = keyset.page(size, after);
    let n = 0;
    const where = page.where ? `where ${page.where.sql.replace(/\?/g, () => `$${++n}`)}` : '';
    const sql = `${TABLE} select t.day::text as day, t.name, t.id::text as id from t ${where} order by ${page.orderBy} limit ${page.limit}`;
    const result = await client.query<Row>(sql, [...(page.where?.params ?? [])]);
    return result.rows;
  }

  const shapes: [SortDirection, SortDirection, SortDirection][] = [
    ['asc', 'asc', 'asc'],
    ['desc', 'desc', 'desc'],
    ['desc', 'asc', 'asc'],
    ['asc', 'desc', 'asc'],
    ['asc', 'asc', 'desc'],
    ['desc', 'asc', 'desc'],
  ];

  for (const directions of shapes) {
    it(`walks every row once, in order, for ${directions.join(' ')}`, async () => {
      const keyset = keysetOf(directions);
      const all = await select(keyset, ROWS.length, null);
      expect(all).toHaveLength(ROWS.length);
      for (const size of [1, 4, 9, 27]) {
        const walked: Row[] = [];
        let after: string | null = null;
        let pages = 0;
        for (;;) {
          const rows = await select(keyset, size, after);
          const { nodes, pageInfo }: KeysetConnection<Row> = keyset.page(size, after).connection(rows, (page) => [...page]);
          walked.push(...nodes);
          pages++;
          if (!pageInfo.hasNextPage) break;
          after = pageInfo.endCursor;
        }
        expect(walked).toEqual(all);
        expect(pages).toBe(Math.ceil(ROWS.length / size));
      }
    });
  }
});
