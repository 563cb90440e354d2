import type { EntityManager } from '@mikro-orm/postgresql';
import { checkedPageSize, defineKeyset, isUuid, publicError } from '@pams/server-core';
import type { ScheduledCommandConnection, ScheduledCommandFilter, ScheduledCommandType } from './scheduled-command.type.js';

export const DEFAULT_SCHEDULED_PAGE_SIZE = 50;
export const MAX_SCHEDULED_PAGE_SIZE = 200;

type Node = Omit<ScheduledCommandType, 'runAt' | 'createdAt' | 'finishedAt'> & { runAt: string; createdAt: string; finishedAt: string | null };

interface CommandRow {
  node: Node;
  run_at: string;
}

/** By run time, soonest first (then id): pending commands read as an agenda, finished ones as a log. */
const COMMAND_ORDER = defineKeyset<CommandRow>([
  { sql: 'c.run_at', direction: 'asc', kind: 'timestamptz', read: (row) => row.run_at },
  { sql: 'c.id', direction: 'asc', kind: 'uuid', read: (row) => row.node.id },
]);

const COMMAND_NODE = `json_build_object('id', c.id, 'kind', c.kind, 'status', c.status, 'payload', c.payload,
  'runAt', c.run_at, 'jobKey', c.job_key, 'outcome', c.outcome, 'createdAt', c.created_at, 'finishedAt', c.finished_at,
  'target', json_build_object('id', t.id, 'name', t.name, 'email', t.email),
  'actor', json_build_object('id', a.id, 'name', a.name, 'email', a.email))`;

const COMMAND_FROM = 'scheduled_command c join app_user t on t.id = c.target_id join app_user a on a.id = c.actor_id';

function toNode(node: Node): ScheduledCommandType {
  return { ...node, runAt: new Date(node.runAt), createdAt: new Date(node.createdAt), finishedAt: node.finishedAt ? new Date(node.finishedAt) : null };
}

export async function findScheduledCommands(
  em: EntityManager,
  args: { filter?: ScheduledCommandFilter | null; first?: number | null; after?: string | null },
): Promise<ScheduledCommandConnection> {
  const page = COMMAND_ORDER.page(checkedPageSize(args.first, DEFAULT_SCHEDULED_PAGE_SIZE, MAX_SCHEDULED_PAGE_SIZE), args.after);
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.filter?.status) {
    where.push('c.status = ?');
    params.push(args.filter.status);
  }
  if (args.filter?.userId != null) {
    if (!isUuid(args.filter.userId)) throw publicError('BAD_USER_INPUT', '"userId" is not a user id.');
    where.push('c.target_id = ?');
    params.push(args.filter.userId);
  }
  if (page.where) {
    where.push(page.where.sql);
    params.push(...page.where.params);
  }
  const rows = await em.getConnection().execute<CommandRow[]>(
    `select ${COMMAND_NODE} as node, to_char(c.run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as run_at
       from ${COMMAND_FROM}
      ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
      order by ${page.orderBy}
      limit ?`,
    [...params, page.limit],
  );
  return page.connection(rows, (nodes) => nodes.map((row) => toNode(row.node)));
}

export async function findScheduledCommand(em: EntityManager, id: string): Promise<ScheduledCommandType | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.getConnection().execute<{ node: Node }[]>(`select ${COMMAND_NODE} as node from ${COMMAND_FROM} where c.id = ?`, [id]);
  return row ? toNode(row.node) : null;
}

/** A user's commands for the drilldown: pending ones by run time, then the latest finished. */
export async function findScheduledCommandsOf(em: EntityManager, userId: string): Promise<ScheduledCommandType[]> {
  const rows = await em.getConnection().execute<{ node: Node }[]>(
    `select ${COMMAND_NODE} as node from ${COMMAND_FROM}
      where c.target_id = ?
      order by c.status = 'PENDING' desc,
               case when c.status = 'PENDING' then c.run_at end asc,
               coalesce(c.finished_at, c.created_at) desc, c.id
      limit 50`,
    [userId],
  );
  return rows.map((row) => toNode(row.node));
}
