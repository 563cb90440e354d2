import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  fieldError,
  isUuid,
  notFound,
  validationFailed,
  type AppConfig,
  type Forbidden,
  type NotFound,
  type ValidationFailed,
  type Viewer,
} from '@pams/server-core';
import { cancelJob, enqueueJob } from '@pams/server-jobs';
import type { AdminCommandKind } from '../commands/admin-command-kind.js';
import { COMMANDS } from '../commands/admin-commands.js';
import { loadParties } from '../commands/command-parties.js';
import { ScheduledCommand, ScheduledCommandStatus } from '../entities/scheduled-command.entity.js';
import { findScheduledCommand } from './scheduled-command.read-model.js';
import { ScheduledCommandNotPending, ScheduledCommandType } from './scheduled-command.type.js';

export const RUN_SCHEDULED_COMMAND_TASK = 'admin.runScheduledCommand';
/** A run that fails unexpectedly (the database went away) is tried twice more; refusals are outcomes, not failures. */
export const SCHEDULED_COMMAND_ATTEMPTS = 3;
const MAX_AHEAD_MS = 366 * 24 * 3_600_000;

export interface RunScheduledCommandPayload {
  commandId: string;
}

export function jobKeyOf(commandId: string): string {
  return `admin-command:${commandId}`;
}

/** A `runAt` a command may be scheduled for: later than now, within a year. */
export function checkRunAt(runAt: Date, now = new Date()): ValidationFailed | null {
  if (Number.isNaN(runAt.getTime()) || runAt.getTime() <= now.getTime()) {
    return validationFailed([fieldError('runAt', 'PAST', 'Choose a time in the future, or run the command now.')]);
  }
  if (runAt.getTime() - now.getTime() > MAX_AHEAD_MS) {
    return validationFailed([fieldError('runAt', 'TOO_FAR', 'Schedule at most a year ahead.')]);
  }
  return null;
}

export function asScheduledCommand(node: ScheduledCommandType): ScheduledCommandType {
  // An instance, not a plain object: the result unions resolve their member by class.
  return Object.assign(new ScheduledCommandType(), node);
}

/**
 * Records a command to run at `runAt` and queues its job in one transaction (both or neither). The
 * arguments are checked now, and the rules that do not depend on the user's state at run time (never
 * yourself); the job checks every rule again when it runs.
 */
export async function scheduleCommand(
  em: EntityManager,
  config: AppConfig,
  viewer: Viewer,
  request: { kind: AdminCommandKind; userId: string; expectedVersion: number; payload: Record<string, unknown> },
  runAt: Date,
): Promise<ScheduledCommandType | ValidationFailed | Forbidden | NotFound | { conflict: true }> {
  const bad = checkRunAt(runAt);
  if (bad) return bad;
  const spec = COMMANDS[request.kind];
  const id = randomUUID();
  const outcome = await em.transactional(
    async (tx) => {
      const parties = await loadParties(tx, viewer.id, request.userId, request.expectedVersion);
      if (!('user' in parties)) return parties;
      const refused = await spec.check({ tx, config, ...parties, mode: 'schedule', at: runAt }, request.payload);
      if (refused) return refused;
      const jobKey = jobKeyOf(id);
      const queueJobId = await enqueueJob(tx, RUN_SCHEDULED_COMMAND_TASK, { commandId: id } satisfies RunScheduledCommandPayload, {
        runAt,
        jobKey,
        maxAttempts: SCHEDULED_COMMAND_ATTEMPTS,
      });
      tx.create(ScheduledCommand, { id, kind: request.kind, target: parties.user, actor: parties.actor, payload: request.payload, runAt, jobKey, queueJobId });
      await tx.flush();
      return null;
    },
    { clear: true },
  );
  if (outcome) return outcome;
  return asScheduledCommand((await findScheduledCommand(em, id))!);
}

/** Cancels a command still waiting for its time: the row says CANCELLED and its job is removed, together. */
export async function cancelScheduledCommand(em: EntityManager, viewer: Viewer, id: string): Promise<ScheduledCommandType | ScheduledCommandNotPending | NotFound> {
  if (!isUuid(id)) return notFound('No such scheduled command.');
  const outcome = await em.transactional(
    async (tx) => {
      // Locked: the job takes the same lock before it runs, so exactly one of the two wins.
      const row = await tx.findOne(ScheduledCommand, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!row) return 'missing' as const;
      if (row.status !== ScheduledCommandStatus.PENDING) return 'not-pending' as const;
      row.status = ScheduledCommandStatus.CANCELLED;
      row.outcome = `Cancelled by ${viewer.name}.`;
      row.finishedAt = new Date();
      await cancelJob(tx, row.jobKey);
      await tx.flush();
      return 'cancelled' as const;
    },
    { clear: true },
  );
  if (outcome === 'missing') return notFound('No such scheduled command.');
  const current = asScheduledCommand((await findScheduledCommand(em, id))!);
  if (outcome === 'cancelled') return current;
  return Object.assign(new ScheduledCommandNotPending(), {
    message: `This command is ${current.status.toLowerCase()} already: it can no longer be cancelled.`,
    current,
  });
}
