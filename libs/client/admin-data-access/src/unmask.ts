import { getFragmentData, type FragmentType } from './gql/fragment-masking.js';
import {
  AdminCommandOutcomeFragmentDoc,
  AdminUserProfileFragmentDoc,
  BackupFieldsFragmentDoc,
  LegacyImportFieldsFragmentDoc,
  LegacyImportOutcomeFragmentDoc,
  ScheduledCommandFieldsFragmentDoc,
} from './gql/graphql.js';
import type { AdminUserProfileFragment, BackupFieldsFragment, LegacyImportFieldsFragment, ScheduledCommandFieldsFragment } from './gql/graphql.js';

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

/** A legacy import as its page reads it (`...LegacyImportFields`). */
export type LegacyImportView = LegacyImportFieldsFragment;

export function legacyImportView(ref: FragmentType<typeof LegacyImportFieldsFragmentDoc>): LegacyImportView {
  return getFragmentData(LegacyImportFieldsFragmentDoc, ref);
}

/**
 * What a legacy import step's answer means for the page: done (the import after it), stale (the import
 * changed or is at another step: the import as it is now), the undo refused (the rows edited since), or
 * refused (the fields' messages).
 */
export type LegacyImportAnswer =
  | { kind: 'done'; current: LegacyImportView }
  | { kind: 'stale'; message: string; current: LegacyImportView }
  | { kind: 'undoRefused'; message: string; total: number; rows: readonly { rowNumber: number; entityId: string; reason: string }[] }
  | { kind: 'refused'; message: string; fields: readonly { field: string; code: string; message: string }[] };

export function legacyImportAnswer(ref: FragmentType<typeof LegacyImportOutcomeFragmentDoc>): LegacyImportAnswer {
  const result = getFragmentData(LegacyImportOutcomeFragmentDoc, ref);
  switch (result.__typename) {
    case 'LegacyImport':
      return { kind: 'done', current: legacyImportView(result) };
    case 'LegacyImportVersionConflict':
    case 'LegacyImportWrongStep':
      return { kind: 'stale', message: result.message, current: legacyImportView(result.current) };
    case 'LegacyUndoRefused':
      return { kind: 'undoRefused', message: result.message, total: result.total, rows: result.rows };
    case 'ValidationFailed':
      return { kind: 'refused', message: result.message, fields: result.fields };
    default:
      return { kind: 'refused', message: result.message, fields: [] };
  }
}
