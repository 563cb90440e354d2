import { describe, expect, it } from 'vitest';
import { defineKeyset, encodeCursor, type Keyset } from './keyset.js';

interface Row {
  day: string;
  name: string;
  id: string;
}

const ID_1 = '00000000-0000-4000-8000-000000000001';
const ID_2 = '00000000-0000-4000-8000-000000000002';
const ID_3 = '00000000-0000-4000-8000-000000000003';

const byNameAsc = defineKeyset<Row>([
  { sql: 'lower(t.name)', direction: 'asc', kind: 'text', read: (row) => row.name },
  { sql: 't.id', direction: 'asc', kind: 'uuid', read: (row) => row.id },
]);

const newestFirst = defineKeyset<Row>([
  { sql: 't.day', direction: 'desc', kind: 'date', read: (row) => row.day },
  { sql: 't.id', direction: 'desc', kind: 'uuid', read: (row) => row.id },
]);

const dayDescNameAsc = defineKeyset<Row>([
  { sql: 't.day', direction: 'desc', kind: 'date', read: (row) => row.day },
  { sql: 't.name', direction: 'asc', kind: 'text', read: (row) => row.name },
  { sql: 't.id', direction: 'asc', kind: 'uuid', read: (row) => row.id },
]);

const nameAscDayDescIdAsc = defineKeyset<Row>([
  { sql: 't.name', direction: 'asc', kind: 'text', read: (row) => row.name },
  { sql: 't.day', direction: 'desc', kind: 'date', read: (row) => row.day },
  { sql: 't.id', direction: 'asc', kind: 'uuid', read: (row) => row.id },
]);

const rows: Row[] = [
  { day: '2024-05-03', name: 'a', id: ID_1 },
  { day: '2024-05-02', name: 'b', id: ID_2 },
  { day: '2024-05-01', name: 'c', id: ID_3 },
];

function invalid<R>(keyset: Keyset<R>, after: string) {
  let error: unknown = null;
  try {
    keyset.page(10, after);
  } catch (caught) {
    error = caught;
  }
  expect(error).toMatchObject({ message: 'Invalid cursor.', extensions: { code: 'BAD_USER_INPUT' } });
}

describe('defineKeyset', () => {
  it('orders by every column in its own direction', () => {
    expect(byNameAsc.orderBy).toBe('lower(t.name) asc, t.id asc');
    expect(dayDescNameAsc.orderBy).toBe('t.day desc, t.name asc, t.id asc');
  });

  it('reads the first page without a condition and asks for one row more than the page', () => {
    const page = byNameAsc.page(2, null);
    expect(page.where).toBeNull();
    expect(page.limit).toBe(3);
    expect(page.orderBy).toBe(byNameAsc.orderBy);
    expect(byNameAsc.page(2, '').where).toBeNull();
  });

  it('compares a key of one direction as one row value', () => {
    expect(byNameAsc.page(2, encodeCursor(['b', ID_2])).where).toEqual({ sql: '(lower(t.name), t.id) > (?, ?::uuid)', params: ['b', ID_2] });
    expect(newestFirst.page(2, encodeCursor(['2024-05-02', ID_2])).where).toEqual({
      sql: '(t.day, t.id) < (?::date, ?::uuid)',
      params: ['2024-05-02', ID_2],
    });
  });

  it('binds a one-column key without a row value', () => {
    const byId = defineKeyset<{ id: string }>([{ sql: 'e.id', direction: 'desc', kind: 'bigint', read: (row) => row.id }]);
    expect(byId.page(5, encodeCursor(['42'])).where).toEqual({ sql: 'e.id < ?::bigint', params: ['42'] });
  });

  it('expands mixed directions column run by column run, led by a bound the index can start from', () => {
    expect(dayDescNameAsc.page(2, encodeCursor(['2024-05-02', 'b', ID_2])).where).toEqual({
      sql: 't.day <= ?::date and (t.day < ?::date or (t.day = ?::date and (t.name, t.id) > (?, ?::uuid)))',
      params: ['2024-05-02', '2024-05-02', '2024-05-02', 'b', ID_2],
    });
    expect(nameAscDayDescIdAsc.page(2, encodeCursor(['b', '2024-05-02', ID_2])).where).toEqual({
      sql: 't.name >= ? and (t.name > ? or (t.name = ? and (t.day < ?::date or (t.day = ?::date and t.id > ?::uuid))))',
      params: ['b', 'b', 'b', '2024-05-02', '2024-05-02', ID_2],
    });
  });

  it('builds a page that has more rows after it from the extra row', () => {
    const page = byNameAsc.page(2, null);
    const seen: Row[][] = [];
    const connection = page.connection(rows, (nodes) => {
      seen.push([...nodes]);
      return nodes.map((row) => row.id);
    });
    expect(seen).toEqual([rows.slice(0, 2)]);
    expect(connection).toEqual({ nodes: [ID_1, ID_2], pageInfo: { endCursor: encodeCursor(['b', ID_2]), hasNextPage: true } });
  });

  it('ends on a page as long as the page size, or shorter, and on an empty page', () => {
    const full = newestFirst.page(3, null).connection(rows, (nodes) => nodes.map((row) => row.id));
    expect(full).toEqual({ nodes: [ID_1, ID_2, ID_3], pageInfo: { endCursor: encodeCursor(['2024-05-01', ID_3]), hasNextPage: false } });
    const short = newestFirst.page(3, encodeCursor(['2024-05-03', ID_1])).connection(rows.slice(1), (nodes) => nodes.map((row) => row.id));
    expect(short.pageInfo).toEqual({ endCursor: encodeCursor(['2024-05-01', ID_3]), hasNextPage: false });
    const empty = newestFirst.page(3, encodeCursor(['2024-05-01', ID_3])).connection([], (nodes) => nodes.map((row) => row.id));
    expect(empty).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });

  it('reads back the cursors it writes, which stay base64url JSON tuples', () => {
    const { pageInfo } = byNameAsc.page(1, null).connection(rows, (nodes) => [...nodes]);
    expect(pageInfo.endCursor).toBe(Buffer.from(JSON.stringify(['a', ID_1])).toString('base64url'));
    expect(byNameAsc.page(1, pageInfo.endCursor).where?.params).toEqual(['a', ID_1]);
  });

  it('refuses a malformed cursor or one of another arity or kind', () => {
    invalid(byNameAsc, 'nonsense');
    invalid(byNameAsc, Buffer.from('{"a":1}').toString('base64url'));
    invalid(byNameAsc, Buffer.from('[').toString('base64url'));
    invalid(byNameAsc, encodeCursor(['b']));
    invalid(byNameAsc, encodeCursor(['b', ID_2, ID_3]));
    invalid(byNameAsc, encodeCursor([1, ID_2]));
    invalid(byNameAsc, encodeCursor(['b', 'not-a-uuid']));
    invalid(newestFirst, encodeCursor(['2024-02-30', ID_2]));
    invalid(newestFirst, encodeCursor(['yesterday', ID_2]));
    const byTime = defineKeyset<{ at: string }>([{ sql: 'a.created_at', direction: 'desc', kind: 'timestamptz', read: (row) => row.at }]);
    expect(byTime.page(1, encodeCursor(['2024-05-01 10:11:12.123456+00'])).where?.params).toEqual(['2024-05-01 10:11:12.123456+00']);
    invalid(byTime, encodeCursor(['not a time']));
    const byId = defineKeyset<{ id: string }>([{ sql: 'e.id', direction: 'desc', kind: 'bigint', read: (row) => row.id }]);
    expect(byId.page(1, encodeCursor(['9223372036854775807'])).where?.params).toEqual(['9223372036854775807']);
    invalid(byId, encodeCursor(['9223372036854775808']));
    invalid(byId, encodeCursor(['-1']));
    invalid(byId, encodeCursor([42]));
  });
});
