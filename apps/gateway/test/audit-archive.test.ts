import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveAuditEvents } from '@pams/server-audit';
import { createLogger } from '@pams/server-core';
import { loadGatewayConfig, tasks } from '../src/index.js';
import { Role } from '@pams/shared-util';
import { signedInUser, type SignedInUser } from './support/domain-fixtures.js';
import { csvText, exportUrl, getFile, parseCsv, pdfText } from './support/export-files.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const HISTORY = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    nodes { id occurredAt action entityType entityId changes { field before after } }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface Node {
  id: string;
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: { field: string; before: unknown; after: unknown }[];
}

let app: TestApp;
let admin: SignedInUser;
let member: SignedInUser;
const DAY = 86_400_000;

/** Events of a made-up entity written straight into the table, `daysAgo` old each (the audit's own columns). */
async function writeEvents(entityId: string, daysAgo: number[]): Promise<string[]> {
  const rows = (await app.orm.em.fork().getConnection().execute(
    `insert into audit_event (occurred_at, actor_kind, action, entity_type, entity_id, changes)
     select now() - (d || ' days')::interval, 'system', 'Probe.updated', 'Probe', ?, jsonb_build_object('step', jsonb_build_object('before', n - 1, 'after', n))
     from unnest(?::int[]) with ordinality as t(d, n) order by n returning id`,
    [entityId, `{${daysAgo.join(',')}}`],
  )) as { id: string }[];
  return rows.map((r) => String(r.id));
}

async function history(user: SignedInUser, filter: Record<string, unknown>, first = 500): Promise<Node[]> {
  const all: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
      await user.client.data(HISTORY, { first, after, filter })
    ).auditEvents;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

async function count(table: string, entityId: string): Promise<number> {
  const [row] = await app.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table} where entity_id = ?`, [entityId]);
  return row.n;
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signedInUser(app, { role: Role.ADMIN });
  member = await signedInUser(app, { role: Role.MEMBER });
});

afterAll(async () => {
  await app?.close();
});

describe('audit archival', () => {
  it('moves events past the retention window to the archive, and the history reads both, in order, with filters', async () => {
    const ids = await writeEvents('probe-a', [400, 390, 380, 10, 5, 1]);
    const before = await history(admin, { entityType: 'Probe', entityId: 'probe-a' }, 2);

    const moved = await archiveAuditEvents(app.orm.em.fork(), 365);
    expect(moved).toBeGreaterThanOrEqual(3);
    expect(await count('audit_event', 'probe-a')).toBe(3);
    expect(await count('audit_event_archive', 'probe-a')).toBe(3);

    // Page by page across the two tables (page size 2): the same events, newest first, nothing lost or doubled.
    const after = await history(admin, { entityType: 'Probe', entityId: 'probe-a' }, 2);
    expect(after).toEqual(before);
    expect(after.map((e) => e.id)).toEqual([...ids].reverse());
    expect(after.at(-1)!.changes).toEqual([{ field: 'step', before: 0, after: 1 }]);
    // A time filter reaches into the archive alone.
    const old = await history(admin, { entityId: 'probe-a', to: new Date(Date.now() - 300 * DAY).toISOString() });
    expect(old.map((e) => e.id)).toEqual(ids.slice(0, 3).reverse());

    // Run again: nothing more is old enough.
    expect(await archiveAuditEvents(app.orm.em.fork(), 365)).toBe(0);
  });

  it('never deletes: the live table refuses a DELETE of an event not archived, the archive refuses every change', async () => {
    const [id] = await writeEvents('probe-b', [2]);
    const sql = app.orm.em.fork().getConnection();
    await expect(sql.execute(`delete from audit_event where id = ?`, [id])).rejects.toThrow(/append-only: DELETE refused/);
    // A copy that differs in any column does not count as archived.
    await sql.execute(`insert into audit_event_archive (id, occurred_at, actor_kind, action, entity_type, entity_id, changes)
      select id, occurred_at, actor_kind, 'Probe.forged', entity_type, entity_id, changes from audit_event where id = ?`, [id]);
    await expect(sql.execute(`delete from audit_event where id = ?`, [id])).rejects.toThrow(/append-only: DELETE refused/);
    expect(await count('audit_event', 'probe-b')).toBe(1);
    await expect(sql.execute(`update audit_event_archive set action = 'x' where id = ?`, [id])).rejects.toThrow(/audit_event_archive is append-only: UPDATE refused/);
    await expect(sql.execute(`delete from audit_event_archive where id = ?`, [id])).rejects.toThrow(/audit_event_archive is append-only: DELETE refused/);
    await expect(sql.execute(`truncate audit_event_archive`)).rejects.toThrow(/audit_event_archive is append-only: TRUNCATE refused/);
  });

  it('runs nightly as a job with the configured retention', async () => {
    await writeEvents('probe-c', [40, 20]);
    const config = loadGatewayConfig({ ...process.env, NODE_ENV: 'test', AUDIT_RETENTION_DAYS: '30' });
    expect(config.audit.retentionDays).toBe(30);
    const progress: number[] = [];
    await tasks()['audit:archive']({}, {
      em: app.orm.em.fork(),
      log: createLogger('silent'),
      config,
      task: 'audit:archive',
      jobId: '1',
      attempt: 1,
      maxAttempts: 1,
      lastAttempt: true,
      progress: async (done) => void progress.push(done),
    });
    expect(await count('audit_event_archive', 'probe-c')).toBe(1);
    expect(await count('audit_event', 'probe-c')).toBe(1);
    expect(progress.length).toBeGreaterThan(0);
    // Below 30 days is refused: the live stream replays 7 days, and a mistyped 3 must not archive last week.
    expect(loadGatewayConfig({ ...process.env, NODE_ENV: 'test', AUDIT_RETENTION_DAYS: '3' }).audit.retentionDays).toBe(30);
  });
});

describe('audit history export', () => {
  it('exports a filtered history as CSV (with readable changes), JSON (changes as objects) and PDF, for admins only', async () => {
    const ids = await writeEvents('probe-d', [500, 3, 2]);
    await archiveAuditEvents(app.orm.em.fork(), 365);
    const filter = { entityType: 'Probe', entityId: 'probe-d' };

    const csv = await getFile(app, exportUrl('/exports/audit-events.csv', { filter }), admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="pams-audit-history-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv(csvText(csv.body));
    expect(rows[0]).toEqual(['Event', 'When', 'Actor', 'Actor kind', 'Action', 'Entity type', 'Entity', 'Changes', 'Changes (JSON)', 'Request']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([...ids].reverse());
    expect(rows.at(-1)![7]).toBe('step: 0 → 1');

    const json = await getFile(app, exportUrl('/exports/audit-events.json', { filter }), admin);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const events = JSON.parse(json.body.toString('utf8')) as Record<string, unknown>[];
    expect(events.map((e) => e.id)).toEqual([...ids].reverse());
    expect(events.at(-1)).toMatchObject({ action: 'Probe.updated', entityType: 'Probe', changes: { step: { before: 0, after: 1 } } });

    const pdf = await getFile(app, exportUrl('/exports/audit-events.pdf', { filter }), admin);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.body)).toContain('Audit history');

    const refused = await getFile(app, exportUrl('/exports/audit-events.csv', { filter }), member);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString())).toEqual({ error: { code: 'FORBIDDEN', message: 'Only admins can export the audit history.' } });
  });

  it('names a bad filter, and an empty history is an empty file, not an error', async () => {
    const bad = await getFile(app, exportUrl('/exports/audit-events.json', { filter: { from: 'yesterday' } }), admin);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error).toEqual({ code: 'BAD_USER_INPUT', message: '"filter.from" must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.' });
    const unknownField = await getFile(app, exportUrl('/exports/audit-events.csv', { filter: { who: 'me' } }), admin);
    expect(JSON.parse(unknownField.body.toString()).error.message).toBe('"filter.who" is not a field of AuditEventFilter.');
    const actor = await getFile(app, exportUrl('/exports/audit-events.csv', { filter: { actorId: 'nobody' } }), admin);
    expect(JSON.parse(actor.body.toString()).error.message).toBe('"actorId" is not a user id.');

    const empty = await getFile(app, exportUrl('/exports/audit-events.json', { filter: { entityId: 'no-such-entity' } }), admin);
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.body.toString())).toEqual([]);
  });
});
