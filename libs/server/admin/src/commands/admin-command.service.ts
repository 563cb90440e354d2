import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '@pams/server-audit';
import {
  notFound,
  validationFailed,
  type AppConfig,
  type Forbidden,
  type NotFound,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { endLiveStreamsOf } from '../live-streams.js';
import { scheduleCommand } from '../scheduling/scheduled-command.service.js';
import type { ScheduledCommandType } from '../scheduling/scheduled-command.type.js';
import { findAdminUser } from '../users/admin-users.read-model.js';
import type { AdminCommandKind } from './admin-command-kind.js';
import { AdminCommandDone, UserVersionConflict } from './admin-command.results.js';
import { COMMANDS } from './admin-commands.js';
import type { Applied, CheckMode, Refusal } from './command-spec.js';
import { loadParties, NO_USER } from './command-parties.js';

export type CommandAnswer = AdminCommandDone | ScheduledCommandType | ValidationFailed | Forbidden | NotFound | UserVersionConflict;

/** The outcome of a command inside its transaction: applied, or refused with nothing changed. */
export type CommandOutcome = { applied: Applied } | Refusal | NotFound | { conflict: true };

export interface CommandRequest {
  kind: AdminCommandKind;
  userId: string;
  /** The user's version the admin saw; null for a scheduled run (its rules are re-checked instead). */
  expectedVersion: number | null;
  payload: Record<string, unknown>;
}

/**
 * Loads actor and target in `tx` (the target locked), checks the version and the command's rules,
 * and applies it with its `admin.<command>` audit event; the caller flushes and commits. Checks come
 * before any change, so a refusal leaves the unit of work as it found it.
 */
export async function runCommandIn(
  tx: EntityManager,
  config: AppConfig,
  actorId: string,
  request: CommandRequest,
  mode: Exclude<CheckMode, 'schedule'>,
): Promise<CommandOutcome> {
  const spec = COMMANDS[request.kind];
  const parsed = spec.parse(request.payload);
  if ('fields' in parsed) return validationFailed(parsed.fields);
  const parties = await loadParties(tx, actorId, request.userId, request.expectedVersion);
  if (!('user' in parties)) return parties;
  const { actor, user } = parties;
  const run = { tx, config, actor, user, mode, at: new Date() };
  const refused = await spec.check(run, parsed.payload);
  if (refused) return refused;
  const applied = await spec.apply(run, parsed.payload);
  recordEvent(tx, { action: spec.action, entityType: 'User', entityId: user.id, changes: applied.changes ?? null });
  await tx.flush();
  return { applied };
}

/**
 * A command of the user command center, run now or (with `runAt`) scheduled: role-checked, checked
 * against `expectedVersion`, audited in its transaction; live streams end after commit.
 */
export async function executeAdminCommand(
  em: EntityManager,
  config: AppConfig,
  viewer: Viewer,
  request: CommandRequest & { expectedVersion: number },
  runAt: Date | null | undefined,
): Promise<CommandAnswer> {
  const parsed = COMMANDS[request.kind].parse(request.payload);
  if ('fields' in parsed) return validationFailed(parsed.fields);
  if (runAt) {
    const answer = await scheduleCommand(em, config, viewer, { ...request, payload: parsed.payload as Record<string, unknown> }, runAt);
    return 'conflict' in answer ? conflictOf(em, config, request.userId) : answer;
  }
  const outcome = await em.transactional((tx) => runCommandIn(tx, config, viewer.id, request, 'now'), { clear: true });
  if ('conflict' in outcome) return conflictOf(em, config, request.userId);
  if (!('applied' in outcome)) return outcome;
  if (outcome.applied.accessEnded) endLiveStreamsOf(request.userId);
  const user = await findAdminUser(em, config, request.userId);
  return Object.assign(new AdminCommandDone(), { kind: request.kind, message: outcome.applied.message, user: user! });
}

async function conflictOf(em: EntityManager, config: AppConfig, userId: string): Promise<UserVersionConflict | NotFound> {
  const current = await findAdminUser(em, config, userId);
  if (!current) return notFound(NO_USER);
  return Object.assign(new UserVersionConflict(), {
    message: 'This user changed since you opened them. Nothing was done: look again and retry.',
    current,
  });
}
