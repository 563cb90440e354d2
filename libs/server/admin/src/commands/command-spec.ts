import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldChanges } from '@pams/server-audit';
import type { AppConfig, FieldError, Forbidden, ValidationFailed } from '@pams/server-core';
import type { User } from '@pams/server-identity';
import type { AdminCommandKind } from './admin-command-kind.js';

/**
 * When a command's rules are checked: `now` runs it at once; `schedule` only records it for later
 * (rules about the user's state wait for the run, which may follow other scheduled commands);
 * `run` is the scheduled job re-checking everything at its time.
 */
export type CheckMode = 'now' | 'schedule' | 'run';

/** What a command works on: the acting admin and the target, both loaded in the command's transaction. */
export interface CommandRun {
  tx: EntityManager;
  config: AppConfig;
  actor: User;
  /** Locked for the transaction, regions loaded. */
  user: User;
  mode: CheckMode;
  /** The time the command takes effect: now, or the scheduled run time. */
  at: Date;
}

export interface Applied {
  /** What was done, in words an admin reads (also the scheduled command's outcome). */
  message: string;
  /** Recorded on the `admin.<command>` audit event beside the row changes the flush audits itself. */
  changes?: FieldChanges;
  /** The user's sessions ended: their live streams end too, after commit. */
  accessEnded?: boolean;
}

export type Refusal = Forbidden | ValidationFailed;

export interface CommandSpec<P extends object = Record<string, unknown>> {
  kind: AdminCommandKind;
  /** The audit action of the command, e.g. `admin.user.disable`. */
  action: string;
  /** Shape of the arguments (no database); field errors name the mutation's arguments. */
  parse(args: Record<string, unknown>): { payload: P } | { fields: FieldError[] };
  /** Rules against the actor and the user as they are in the transaction; null when the command may go on. */
  check(run: CommandRun, payload: P): Promise<Refusal | null>;
  /** Makes the change in the unit of work of `run.tx` (flushed by the caller). Only after `check` passed. */
  apply(run: CommandRun, payload: P): Promise<Applied>;
}
