import { LockMode } from '@mikro-orm/core';
import { runInScope, type TaskHandler } from '@pams/server-core';
import { runCommandIn, type CommandOutcome } from '../commands/admin-command.service.js';
import { ScheduledCommand, ScheduledCommandStatus } from '../entities/scheduled-command.entity.js';
import { endLiveStreamsOf } from '../live-streams.js';
import type { RunScheduledCommandPayload } from './scheduled-command.service.js';

function refusalOf(outcome: Exclude<CommandOutcome, { applied: unknown }>): string {
  if ('conflict' in outcome) return 'The user changed.';
  const fields = 'fields' in outcome ? outcome.fields.map((f) => f.message) : [];
  return [outcome.message, ...fields.filter((m) => m !== outcome.message)].join(' ');
}

/**
 * `admin.runScheduledCommand`: runs one scheduled command at its time, as its admin (the audit names
 * them), re-checking their rights and every rule of the command against the user as they are now. The
 * command and the row's DONE / FAILED are one transaction, so a crash never runs it twice or loses the
 * outcome; a cancelled or finished command is left alone.
 */
export const runScheduledCommandTask: TaskHandler<RunScheduledCommandPayload> = async ({ commandId }, helpers) => {
  const { em, config, log } = helpers;
  const found = await em.findOne(ScheduledCommand, commandId);
  if (!found || found.status !== ScheduledCommandStatus.PENDING) {
    log.info({ commandId, status: found?.status ?? null }, 'scheduled command not pending; nothing to run');
    return;
  }
  const scope = { requestId: `scheduled-command:${commandId}`, actorId: found.actor.id, actorKind: 'system' as const };
  try {
    const result = await runInScope(scope, () =>
      em.transactional(
        async (tx) => {
          const row = await tx.findOne(ScheduledCommand, commandId, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!row || row.status !== ScheduledCommandStatus.PENDING) return null;
          const outcome = await runCommandIn(tx, config, row.actor.id, { kind: row.kind, userId: row.target.id, expectedVersion: null, payload: row.payload }, 'run');
          const applied = 'applied' in outcome;
          row.status = applied ? ScheduledCommandStatus.DONE : ScheduledCommandStatus.FAILED;
          row.outcome = applied ? outcome.applied.message : `Not done: ${refusalOf(outcome)}`;
          row.finishedAt = new Date();
          await tx.flush();
          return { status: row.status, accessEnded: applied && outcome.applied.accessEnded === true, userId: row.target.id };
        },
        { clear: true },
      ),
    );
    if (result?.accessEnded) endLiveStreamsOf(result.userId);
    log.info({ commandId, status: result?.status ?? null }, 'scheduled command ran');
  } catch (error) {
    if (helpers.lastAttempt) {
      await runInScope(scope, () =>
        em.fork().transactional(async (tx) => {
          const row = await tx.findOne(ScheduledCommand, commandId, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!row || row.status !== ScheduledCommandStatus.PENDING) return;
          row.status = ScheduledCommandStatus.FAILED;
          row.outcome = 'Not done: the command failed unexpectedly; schedule it again.';
          row.finishedAt = new Date();
        }),
      );
    }
    throw error;
  }
};
