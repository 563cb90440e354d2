import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInScope, type RequestScope } from '@pams/server-core';
import { AuditEventListener, REDACTED } from '@pams/server-audit';
import { Region, User } from '@pams/server-identity';
import { Role } from '@pams/shared-util';
import { startTestApp, type TestApp } from './support/test-app.js';

interface EventRow {
  id: string;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  request_id: string | null;
  xmin: string;
}

describe('audit events', () => {
  let app: TestApp;
  let db: pg.Client;
  const actorId = randomUUID();

  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.orm.config.get('clientUrl') });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  function scope(requestId: string): RequestScope {
    return { requestId, actorId, actorKind: 'session' };
  }

  async function eventsFor(entityId: string): Promise<EventRow[]> {
    const result = await db.query<EventRow>(
      'select id, actor_id, actor_kind, action, entity_type, entity_id, changes, request_id, xmin::text from audit_event where entity_id = $1 order by id',
      [entityId],
    );
    return result.rows;
  }

  async function xminOf(table: string, id: string): Promise<string | undefined> {
    const result = await db.query<{ xmin: string }>(`select xmin::text from ${table} where id = $1`, [id]);
    return result.rows[0]?.xmin;
  }

  it('writes an event with each create, update and delete, in the same transaction', async () => {
    const region = await runInScope(scope('req-create-1'), async () => {
      const em = app.orm.em.fork();
      const created = em.create(Region, { name: 'Audit South' });
      await em.flush();
      return created;
    });
    let events = await eventsFor(region.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'Region.created',
      entity_type: 'Region',
      entity_id: region.id,
      actor_id: actorId,
      actor_kind: 'session',
      request_id: 'req-create-1',
      changes: { name: { before: null, after: 'Audit South' } },
    });
    // Written by the transaction that inserted the row.
    expect(events[0].xmin).toBe(await xminOf('region', region.id));

    await runInScope(scope('req-update-1'), async () => {
      const em = app.orm.em.fork();
      const loaded = await em.findOneOrFail(Region, region.id);
      loaded.name = 'Audit South-East';
      await em.flush();
    });
    events = await eventsFor(region.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      action: 'Region.updated',
      request_id: 'req-update-1',
      // Only what changed; version and timestamps are the ORM's bookkeeping.
      changes: { name: { before: 'Audit South', after: 'Audit South-East' } },
    });
    expect(Object.keys(events[1].changes ?? {})).toEqual(['name']);
    expect(events[1].xmin).toBe(await xminOf('region', region.id));

    await runInScope(scope('req-delete-1'), async () => {
      const em = app.orm.em.fork();
      em.remove(await em.findOneOrFail(Region, region.id));
      await em.flush();
    });
    events = await eventsFor(region.id);
    expect(events).toHaveLength(3);
    expect(events[2]).toMatchObject({
      action: 'Region.deleted',
      request_id: 'req-delete-1',
      changes: { name: { before: 'Audit South-East', after: null } },
    });
    expect(await xminOf('region', region.id)).toBeUndefined();
    expect(BigInt(events[0].id) < BigInt(events[1].id) && BigInt(events[1].id) < BigInt(events[2].id)).toBe(true);
  });

  it('records system work (no request scope) as the system actor', async () => {
    const em = app.orm.em.fork();
    const region = em.create(Region, { name: 'Audit System' });
    await em.flush();
    const [event] = await eventsFor(region.id);
    expect(event).toMatchObject({ actor_id: null, actor_kind: 'system', request_id: null, action: 'Region.created' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_event in the database itself', async () => {
    const em = app.orm.em.fork();
    const region = em.create(Region, { name: 'Audit Guarded' });
    await em.flush();
    const [event] = await eventsFor(region.id);

    await expect(db.query(`update audit_event set action = 'forged' where id = $1`, [event.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('delete from audit_event where id = $1', [event.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query('truncate audit_event')).rejects.toThrow(/append-only: TRUNCATE refused/);

    const [after] = await eventsFor(region.id);
    expect(after).toEqual(event);
  });

  it('does not make a change whose event cannot be written', async () => {
    await db.query(`create function test_refuse_region_audit() returns trigger language plpgsql as $$
      begin
        if new.entity_type = 'Region' then raise exception 'audit store unavailable'; end if;
        return new;
      end $$`);
    await db.query(`create trigger test_refuse_region_audit before insert on audit_event
      for each row execute function test_refuse_region_audit()`);
    try {
      const em = app.orm.em.fork();
      em.create(Region, { name: 'Audit Unrecorded' });
      await expect(em.flush()).rejects.toThrow(/audit store unavailable/);
      const found = await db.query(`select id from region where name = 'Audit Unrecorded'`);
      expect(found.rowCount).toBe(0);
    } finally {
      await db.query('drop trigger test_refuse_region_audit on audit_event');
      await db.query('drop function test_refuse_region_audit()');
    }
  });

  it('never records a secret: hidden properties read "[redacted]"', async () => {
    const hash = `$argon2id$v=19$m=19456,t=2,p=1$${randomUUID()}`;
    const em = app.orm.em.fork();
    const user = em.create(User, { email: `secret-${randomUUID()}@test.pams`, name: 'Secret Keeper', role: Role.MEMBER, passwordHash: hash });
    await em.flush();
    user.passwordHash = `${hash}-changed`;
    await em.flush();

    const events = await eventsFor(user.id);
    expect(events.map((e) => e.action)).toEqual(['User.created', 'User.updated']);
    expect(events[0].changes?.passwordHash).toEqual({ before: null, after: REDACTED });
    expect(events[0].changes?.email.after).toBe(user.email);
    expect(events[1].changes).toEqual({ passwordHash: { before: REDACTED, after: REDACTED } });
    const all = await db.query<{ text: string }>('select changes::text as text from audit_event');
    for (const row of all.rows) expect(row.text ?? '').not.toContain(hash);
  });

  it('records many-to-many changes as id lists on the owning side', async () => {
    const em = app.orm.em.fork();
    const [north, west] = [em.create(Region, { name: 'Audit North' }), em.create(Region, { name: 'Audit West' })];
    const user = em.create(User, { email: `regions-${randomUUID()}@test.pams`, name: 'Region Hopper', role: Role.MANAGER, passwordHash: 'x' });
    user.regions.add(north);
    await em.flush();

    const other = app.orm.em.fork();
    const loaded = await other.findOneOrFail(User, user.id, { populate: ['regions'] });
    loaded.regions.add(other.getReference(Region, west.id));
    loaded.regions.remove(other.getReference(Region, north.id));
    await other.flush();

    const events = await eventsFor(user.id);
    expect(events.map((e) => e.action)).toEqual(['User.created', 'User.updated']);
    expect(events[0].changes?.regions).toEqual({ before: null, after: [north.id] });
    expect(events[1].changes).toEqual({ regions: { before: [north.id], after: [west.id] } });
  });

  it('announces an event to listeners only once its transaction commits, and never a rolled-back one', async () => {
    const listener = new AuditEventListener({ connectionString: app.orm.config.get('clientUrl') });
    const heard: string[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    listener.subscribe((id) => {
      heard.push(id);
      for (const waiter of [...waiters]) {
        if (heard.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
    const heardCount = (count: number) =>
      heard.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }));
    // A committed change from elsewhere: once its id is heard, everything committed before it was too.
    const fence = async (name: string) => {
      const em = app.orm.em.fork();
      const region = em.create(Region, { name });
      await em.flush();
      return (await eventsFor(region.id))[0].id;
    };

    await listener.start();
    try {
      // Inside an open transaction the event row exists, yet nobody hears of it.
      const em = app.orm.em.fork();
      let pendingId = '';
      await em.transactional(async (tx) => {
        const region = tx.create(Region, { name: 'Audit Committed Later' });
        await tx.flush();
        const [row] = await tx.getConnection().execute<{ id: string }[]>(
          'select id from audit_event where entity_id = ?',
          [region.id],
          'all',
          tx.getTransactionContext(),
        );
        pendingId = String(row.id);
        const fenceId = await fence('Audit Fence 1');
        await heardCount(1);
        expect(heard).toEqual([fenceId]);
      });
      await heardCount(2);
      expect(heard[1]).toBe(pendingId);

      // A rolled-back change is never announced: the next id heard is the following commit's.
      await expect(
        app.orm.em.fork().transactional(async (tx) => {
          tx.create(Region, { name: 'Audit Rolled Back' });
          await tx.flush();
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const rolledBack = await db.query(`select 1 from region where name = 'Audit Rolled Back'`);
      expect(rolledBack.rowCount).toBe(0);
      const fenceId = await fence('Audit Fence 2');
      await heardCount(3);
      expect(heard).toHaveLength(3);
      expect(heard[2]).toBe(fenceId);
    } finally {
      await listener.stop();
    }
  });

  it('opens its connection only when something subscribes', async () => {
    const listener = new AuditEventListener({ connectionString: app.orm.config.get('clientUrl') });
    try {
      expect(listener.listening).toBe(false);
      const heard: string[] = [];
      listener.subscribe((id) => heard.push(id));
      await listener.start();
      expect(listener.listening).toBe(true);
      const em = app.orm.em.fork();
      const region = em.create(Region, { name: 'Audit Lazy Listener' });
      await em.flush();
      const [event] = await eventsFor(region.id);
      await expect.poll(() => heard).toContain(event.id);
    } finally {
      await listener.stop();
    }
  });

  it('keeps announcing after its connection is cut, and says when it resumed', async () => {
    const listener = new AuditEventListener({ connectionString: app.orm.config.get('clientUrl'), retryMs: 10 });
    const heard: string[] = [];
    let onHeard: (() => void) | undefined;
    listener.subscribe((id) => {
      heard.push(id);
      onHeard?.();
    });
    const resumed = new Promise<void>((resolve) => listener.onResume(resolve));
    await listener.start();
    try {
      await db.query(`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen pams_audit_event%'`);
      await resumed;
      const next = new Promise<void>((resolve) => (onHeard = resolve));
      const em = app.orm.em.fork();
      const region = em.create(Region, { name: 'Audit After Reconnect' });
      await em.flush();
      await next;
      expect(heard).toEqual([(await eventsFor(region.id))[0].id]);
    } finally {
      await listener.stop();
    }
  });
});
