import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from '@pams/server-audit';

/** One sequenced audit event, with the users it is about (who may see it besides its actor and admins). */
export interface StreamRow {
  seq: number;
  /** Null when the event is no longer in `audit_event` (archived): a reader must not skip it silently. */
  id: string | null;
  occurredAt: Date;
  actorId: string | null;
  actorKind: string;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  changes: FieldChanges | null;
  /** The record's user (a User event), owner (an activity, now or before/after the change) or `user` field. */
  subjectUserIds: string[];
}

interface RawRow {
  seq: string;
  id: string | null;
  occurred_at: Date | string;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  changes: FieldChanges | null;
  subjects: (string | null)[] | null;
}

/**
 * Stream rows after `afterSeq`, in `seq` order. Any snapshot sees a prefix of the stream (sequencers
 * commit in `seq` order under one lock), so consecutive reads never skip a `seq`.
 */
export async function readStream(em: EntityManager, afterSeq: number, limit: number): Promise<StreamRow[]> {
  // The activity's owner by index (the CASE keeps non-uuid entity ids away from the cast).
  const rows = await em.getConnection().execute<RawRow[]>(
    `select s.seq, e.id, e.occurred_at, e.actor_id, e.actor_kind, e.action, e.entity_type, e.entity_id, e.request_id, e.changes,
            array[case when e.entity_type = 'User' then e.entity_id end, a.owner_id::text,
                  e.changes->'owner'->>'before', e.changes->'owner'->>'after',
                  e.changes->'user'->>'before', e.changes->'user'->>'after'] as subjects
       from audit_event_stream s
       left join audit_event e on e.id = s.event_id
       left join activity a on a.id = case when e.entity_type = 'Activity' and e.entity_id ~ '^[0-9a-f-]{36}$' then e.entity_id::uuid end
      where s.seq > ?
      order by s.seq
      limit ?`,
    [afterSeq, limit],
  );
  return rows.map(toStreamRow);
}

/** The last `seq` assigned (0 for an empty stream). */
export async function streamHead(em: EntityManager): Promise<number> {
  const rows = await em.getConnection().execute<{ seq: string | null }[]>('select max(seq) as seq from audit_event_stream');
  return Number(rows[0]?.seq ?? 0);
}

export type CursorCheck = 'ok' | 'unknown' | 'too-old';

/**
 * A Last-Event-ID is good when the position after it is still in the stream and inside the replay
 * window; `0` means "before the first event". Ahead of the stream (another database) is unknown;
 * pruned or older than the window is too old.
 */
export async function checkCursor(em: EntityManager, seq: number, windowMs: number): Promise<CursorCheck> {
  const rows = await em.getConnection().execute<{ recent: boolean | null; head: string | null }[]>(
    `select (select sequenced_at > now() - make_interval(secs => ?) from audit_event_stream where seq = ?) as recent,
            (select max(seq) from audit_event_stream) as head`,
    [windowMs / 1000, seq === 0 ? 1 : seq],
  );
  const { recent, head } = rows[0];
  const top = Number(head ?? 0);
  if (recent === null) {
    if (seq > top) return 'unknown';
    return seq === 0 && top === 0 ? 'ok' : 'too-old';
  }
  return recent ? 'ok' : 'too-old';
}

function toStreamRow(row: RawRow): StreamRow {
  const subjects = new Set<string>();
  for (const subject of row.subjects ?? []) if (typeof subject === 'string' && subject !== '') subjects.add(subject);
  return {
    seq: Number(row.seq),
    id: row.id === null ? null : String(row.id),
    occurredAt: row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at),
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    changes: row.changes,
    subjectUserIds: [...subjects],
  };
}

/** A sequenced event of one of the actions a watcher asked for. */
export interface WatchedEvent {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: FieldChanges | null;
}

/**
 * For jobs that act on committed events (the notice watcher): the events with one of `actions` among the
 * stream positions after `afterSeq` up to `uptoSeq`, in `seq` order. Reading a range of positions (not a
 * number of matching rows) lets the caller move its cursor to `uptoSeq` even when nothing matched.
 */
export async function readStreamActions(em: EntityManager, afterSeq: number, uptoSeq: number, actions: readonly string[]): Promise<WatchedEvent[]> {
  const rows = await em.getConnection().execute<
    { seq: string; occurred_at: Date | string; actor_id: string | null; action: string; entity_type: string; entity_id: string | null; changes: FieldChanges | null }[]
  >(
    `select s.seq, e.occurred_at, e.actor_id, e.action, e.entity_type, e.entity_id, e.changes
       from audit_event_stream s
       join audit_event e on e.id = s.event_id
      where s.seq > ? and s.seq <= ? and e.action = any(?)
      order by s.seq`,
    [afterSeq, uptoSeq, `{${actions.map((a) => `"${a}"`).join(',')}}`],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    occurredAt: row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at),
    actorId: row.actor_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    changes: row.changes,
  }));
}
