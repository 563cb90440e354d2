import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import { AdminCommandOutcomeFragmentDoc, AdminUserProfileFragmentDoc, BackupFieldsFragmentDoc, ScheduledCommandFieldsFragmentDoc } from './gql/graphql.js';
import type { AdminUserProfileFragment, BackupFieldsFragment, ScheduledCommandFieldsFragment } from './gql/graphql.js';

/** A user as the drilldown and the commands read them (`...AdminUserProfile`). */
export type AdminUserProfile = AdminUserProfileFragment;
export type ScheduledCommandRow = ScheduledCommandFieldsFragment;

export type BackupRow = BackupFieldsFragment;

export function backupRow(ref: FragmentType<typeof BackupFieldsFragmentDoc>): BackupRow {
  return getFragmentData(BackupFieldsFragmentDoc, ref);
}

export function userProfile(ref: FragmentType<typeof AdminUserProfileFragmentDoc>): AdminUserProfile {
  return getFragmentData(AdminUserProfileFragmentDoc, ref);
}

export function scheduledCommand(ref: FragmentType<typeof ScheduledCommandFieldsFragmentDoc>): ScheduledCommandRow {
  return getFragmentData(ScheduledCommandFieldsFragmentDoc, ref);
}

export function scheduledCommands(refs: readonly FragmentType<typeof ScheduledCommandFieldsFragmentDoc>[]): readonly ScheduledCommandRow[] {
  return getFragmentData(ScheduledCommandFieldsFragmentDoc, refs);
}

/** What a command's answer means for the page: done, scheduled, stale (the user as they are now), or refused. */
export type CommandOutcome =
  | { kind: 'done'; message: string; user: AdminUserProfile }
  | { kind: 'scheduled'; command: ScheduledCommandRow }
  | { kind: 'conflict'; message: string; current: AdminUserProfile }
  | { kind: 'refused'; message: string; fields: readonly { field: string; message: string }[] };

export function commandOutcome(ref: FragmentType<typeof AdminCommandOutcomeFragmentDoc>): CommandOutcome {
  const result = getFragmentData(AdminCommandOutcomeFragmentDoc, ref);
  switch (result.__typename) {
    case 'AdminCommandDone':
      return { kind: 'done', message: result.message, user: userProfile(result.user) };
    case 'ScheduledCommand':
      return { kind: 'scheduled', command: scheduledCommand(result) };
    case 'UserVersionConflict':
      return { kind: 'conflict', message: result.message, current: userProfile(result.current) };
    case 'ValidationFailed':
      return { kind: 'refused', message: result.message, fields: result.fields };
    default:
      return { kind: 'refused', message: result.message, fields: [] };
  }
}
